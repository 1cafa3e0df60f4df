using System.Text.Json;
using System.Text.Json.Serialization;

namespace Streaming.Bench.LoadGen.Wire;

/// <summary>
/// Reads the services' JSON answers with source-generated code instead of reflection. A property missing or null
/// is a <see cref="JsonException"/>: the answer is not the one the services send.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, RespectRequiredConstructorParameters = true, RespectNullableAnnotations = true)]
[JsonSerializable(typeof(IngestAnswer))]
[JsonSerializable(typeof(SeriesAnswer))]
[JsonSerializable(typeof(UnitsAnswer))]
[JsonSerializable(typeof(PerformanceAnswer))]
[JsonSerializable(typeof(TitlesAnswer))]
public sealed partial class AnswerJsonContext : JsonSerializerContext;
