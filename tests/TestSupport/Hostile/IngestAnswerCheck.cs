namespace Streaming.TestSupport.Hostile;

/// <summary>Whether ingest's answer is the one a generated request must get; the first difference otherwise.</summary>
public static class IngestAnswerCheck
{
    public static async Task<string?> CheckAsync(IngestRequest request, HttpResponseMessage response, IngestLimits limits)
    {
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        if (status != request.Status)
        {
            return $"answered {status}, not {request.Status}: {Answers.Excerpt(text)}";
        }
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        using var answer = Answers.ParseOrNull(text);
        if (answer is null)
        {
            return $"answered {status} with a body that is not JSON: {Answers.Excerpt(text)}";
        }
        return status == 202
            ? mediaType == "application/json" ? CheckBatch(request, answer.RootElement, limits) : $"202 as {mediaType}"
            : Answers.CheckProblem(answer.RootElement, mediaType, status, request.Names!, Limit(request.Names!, limits));
    }

    private static int? Limit(string names, IngestLimits limits) => names switch
    {
        "maxEvents" => limits.MaxEvents,
        "maxBytes" => limits.MaxBytes,
        _ => null,
    };

    private static string? CheckBatch(IngestRequest request, JsonElement answer, IngestLimits limits)
    {
        var rejected = request.Elements.Select((e, i) => (Index: i, e.Errors)).Where(e => e.Errors.Count > 0).ToList();
        var expected = (Accepted: request.Elements.Count - rejected.Count, Count: rejected.Count, Omitted: Math.Max(0, rejected.Count - limits.Listed));
        var actual = (Accepted: answer.GetProperty("accepted").GetInt32(), Count: answer.GetProperty("rejectedCount").GetInt32(),
            Omitted: answer.GetProperty("rejectedOmitted").GetInt32());
        if (actual != expected)
        {
            return $"(accepted, rejectedCount, rejectedOmitted) = {actual}, not {expected}";
        }
        var listed = answer.GetProperty("rejected").EnumerateArray()
            .Select(r => (Index: r.GetProperty("index").GetInt32(), Errors: string.Join(" | ", r.GetProperty("errors").EnumerateArray().Select(e => e.GetString()))))
            .ToList();
        var wanted = rejected.Take(limits.Listed).Select(r => (r.Index, Errors: string.Join(" | ", r.Errors))).ToList();
        var first = listed.Zip(wanted).FirstOrDefault(p => p.First != p.Second);
        if (listed.Count != wanted.Count || first != default)
        {
            return first == default
                ? $"{listed.Count} rejections listed, not {wanted.Count}"
                : $"rejection listed as {first.First}, expected {first.Second}";
        }
        return null;
    }
}
