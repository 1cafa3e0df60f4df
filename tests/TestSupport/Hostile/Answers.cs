namespace Streaming.TestSupport.Hostile;

/// <summary>What every answer to a hostile request is checked for, whichever service gave it.</summary>
public static class Answers
{
    public static JsonDocument? ParseOrNull(string text)
    {
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// An application/problem+json answer of this status that names <paramref name="names"/>: a key of
    /// <c>errors</c> (a validation problem) or, when <paramref name="limit"/> is given, a member holding that limit.
    /// </summary>
    public static string? CheckProblem(JsonElement problem, string? mediaType, int status, string names, int? limit)
    {
        if (mediaType != "application/problem+json")
        {
            return $"{status} as {mediaType}, not application/problem+json";
        }
        if (!problem.TryGetProperty("status", out var s) || s.GetInt32() != status)
        {
            return $"the problem's status is not {status}: {Excerpt(problem.GetRawText())}";
        }
        if (limit is { } value)
        {
            return problem.TryGetProperty(names, out var member) && member.GetInt32() == value &&
                   problem.GetProperty("detail").GetString()!.Contains(value.ToString(System.Globalization.CultureInfo.InvariantCulture))
                ? null
                : $"the problem does not give {names} = {value} in a member and its detail: {Excerpt(problem.GetRawText())}";
        }
        return problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(names, out var messages) &&
               messages.GetArrayLength() > 0 && messages.EnumerateArray().All(m => !string.IsNullOrWhiteSpace(m.GetString()))
            ? null
            : $"the problem does not name {names} in errors: {Excerpt(problem.GetRawText())}";
    }

    public static string Excerpt(string text) => text.Length <= 300 ? text : text[..300] + $"… ({text.Length} characters)";
}
