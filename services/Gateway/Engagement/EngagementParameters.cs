using Streaming.EngagementRules;

namespace Streaming.Gateway.Engagement;

/// <summary>
/// Checks the parameters of the engagement routes; errors are keyed by parameter name for a 400 problem. No I/O: the
/// clock gives the default month (the current UTC month, month to date).
/// </summary>
public sealed class EngagementParameters(TimeProvider clock)
{
    public UtcMonth? Month(string? text, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return UtcMonth.Of(clock.GetUtcNow());
        }
        if (UtcMonth.TryParse(text, out var month))
        {
            return month;
        }
        errors["month"] = [$"'{text}' is not a month: yyyy-MM (UTC) between 1970-01 and 2999-12, e.g. 2026-11."];
        return null;
    }

    public static string? Territory(string? text, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors["territory"] = ["is required: a territory, two upper-case letters (ISO 3166-1 alpha-2), e.g. US."];
            return null;
        }
        if (text.Length == 2 && text.All(char.IsAsciiLetterUpper))
        {
            return text;
        }
        errors["territory"] = [$"'{text}' is not a territory: two upper-case letters (ISO 3166-1 alpha-2), e.g. US."];
        return null;
    }
}
