using System.Text.Json;
using System.Text.Json.Serialization;

namespace Streaming.Gateway.Engagement;

/// <summary>
/// Source-generated JSON for the engagement answer, put first in the HTTP JSON options' resolver chain (every other type
/// still resolves as before). The answer itself is written by <see cref="EngagementJson"/>, which writes the same bytes.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(EngagementResponse))]
public sealed partial class EngagementJsonContext : JsonSerializerContext;
