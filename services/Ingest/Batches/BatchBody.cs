using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace Streaming.Ingest.Batches;

/// <summary>
/// A request body read within the size limit and parsed as JSON: the events (an array's elements, or the one
/// object), or the problem answer that stands in for them.
/// </summary>
public sealed class BatchBody : IDisposable
{
    private readonly JsonDocument? _document;

    private BatchBody(JsonDocument? document, IResult? problem)
    {
        (_document, Problem) = (document, problem);
        Events = document is null ? []
            : document.RootElement.ValueKind == JsonValueKind.Array ? [.. document.RootElement.EnumerateArray()]
            : [document.RootElement];
    }

    /// <summary>The answer to give instead of 202, when the body is not a batch; null otherwise.</summary>
    public IResult? Problem { get; }

    /// <summary>The events in body order; valid only while this body is not disposed.</summary>
    public IReadOnlyList<JsonElement> Events { get; }

    /// <param name="maxEvents">Most elements the array may hold; one more and the body is refused before anything is validated.</param>
    public static async Task<BatchBody> ReadAsync(HttpRequest request, int maxBytes, int maxEvents, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return new BatchBody(null, BatchProblems.TooLarge(maxBytes));
        }
        // The count below is the limit, for chunked bodies too; Kestrel's own (30 MB) must not answer first.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } kestrelLimit)
        {
            kestrelLimit.MaxRequestBodySize = null;
        }

        var buffer = new ArrayBufferWriter<byte>((int)Math.Min(request.ContentLength ?? 16 * 1024, maxBytes) + 1);
        int read;
        while ((read = await request.Body.ReadAsync(buffer.GetMemory(), cancellationToken)) > 0)
        {
            buffer.Advance(read);
            if (buffer.WrittenCount > maxBytes)
            {
                return new BatchBody(null, BatchProblems.TooLarge(maxBytes));
            }
        }
        return Parse(buffer.WrittenMemory, maxEvents);
    }

    public void Dispose() => _document?.Dispose();

    private static BatchBody Parse(ReadOnlyMemory<byte> utf8, int maxEvents)
    {
        if (utf8.Span.StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..];
        }
        if (EventCount.OfLargeArray(utf8.Span, maxEvents) is { } events && events > maxEvents)
        {
            return new BatchBody(null, BatchProblems.TooManyEvents(maxEvents, events));
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8);
        }
        catch (JsonException e)
        {
            return new BatchBody(null, BatchProblems.NotABatch($"not valid JSON: {e.Message}"));
        }
        if (UnpairedSurrogates.InAnyPropertyName(utf8.Span))
        {
            document.Dispose();
            return new BatchBody(null, BatchProblems.NotABatch(
                "not valid JSON: a property name with escapes is not valid Unicode (e.g. \\ud800, half of a surrogate pair)"));
        }
        if (document.RootElement.ValueKind is not (JsonValueKind.Array or JsonValueKind.Object))
        {
            var kind = document.RootElement.ValueKind switch
            {
                JsonValueKind.String => "a string",
                JsonValueKind.Number => "a number",
                JsonValueKind.True or JsonValueKind.False => "a boolean",
                _ => "null",
            };
            document.Dispose();
            return new BatchBody(null, BatchProblems.NotABatch($"must be a JSON array of event objects or one event object, not {kind}"));
        }
        return new BatchBody(document, null);
    }
}
