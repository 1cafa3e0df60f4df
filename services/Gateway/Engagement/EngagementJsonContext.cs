using System.Text.Json;
using System.Text.Json.Serialization;

namespace Streaming.Gateway.Engagement;

/// <summary>
/// Source-generated JSON for the engagement answer: thousands of units per answer, written without reflection.
/// Put first in the HTTP JSON options' resolver chain; every other type still resolves as before.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(EngagementResponse))]
internal sealed partial class EngagementJsonContext : JsonSerializerContext;
