namespace Streaming.TestSupport.Hostile;

/// <summary>Whether the gateway's answer is the one a generated request must get; the first difference otherwise.</summary>
public static class GatewayAnswerCheck
{
    /// <param name="totals">The totals the world's counters give a performance filter (minutes, streams); null: not checked.</param>
    public static async Task<string?> CheckAsync(GatewayCase c, HttpResponseMessage response, Func<PerformanceFilter, (decimal Minutes, long Streams)>? totals)
    {
        var status = (int)response.StatusCode;
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType == "text/event-stream")
        {
            // A live stream does not end: its body is never read.
            return status == c.Status && c.MediaType == mediaType ? null : $"answered {status} as {mediaType}, not {c.Status} {c.MediaType}";
        }
        var text = await response.Content.ReadAsStringAsync();
        if (status != c.Status)
        {
            return $"answered {status}, not {c.Status}{(c.Status == 400 ? $" naming {string.Join(", ", c.Names)}" : "")}: {Answers.Excerpt(text)}";
        }
        if (status == 400)
        {
            using var problem = Answers.ParseOrNull(text);
            return problem is null ? $"400 that is not JSON: {Answers.Excerpt(text)}" : CheckNames(c, problem.RootElement, mediaType);
        }
        if (mediaType != c.MediaType)
        {
            return $"200 as {mediaType}, not {c.MediaType}";
        }
        if (mediaType != "application/json")
        {
            return null;
        }
        using var answer = Answers.ParseOrNull(text);
        if (answer is null)
        {
            return $"200 that is not JSON: {Answers.Excerpt(text)}";
        }
        if (c.Totals is not { } filter || totals is null)
        {
            return null;
        }
        var expected = totals(filter);
        var actual = answer.RootElement.GetProperty("totals");
        var got = (actual.GetProperty("minutesStreamed").GetDecimal(), actual.GetProperty("uniqueStreams").GetInt64());
        return got == expected ? null : $"totals {got}, not {expected}";
    }

    /// <summary>Exactly the expected parameters named in <c>errors</c>, each with a message.</summary>
    private static string? CheckNames(GatewayCase c, JsonElement problem, string? mediaType)
    {
        var names = problem.TryGetProperty("errors", out var errors) ? errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal).ToList() : [];
        if (!names.SequenceEqual(c.Names))
        {
            return $"400 naming [{string.Join(", ", names)}], not [{string.Join(", ", c.Names)}]: {Answers.Excerpt(problem.GetRawText())}";
        }
        return c.Names.Select(n => Answers.CheckProblem(problem, mediaType, 400, n, null)).FirstOrDefault(f => f is not null);
    }
}
