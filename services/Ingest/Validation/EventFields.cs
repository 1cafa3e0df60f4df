using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Streaming.Tenancy;

namespace Streaming.Ingest.Validation;

/// <summary>
/// Reads the fields of one JSON event object. Each read that fails records one error naming the field and returns
/// null, so the caller reads on and reports every field. Names are case-sensitive; fields nobody reads are ignored;
/// a JSON null counts as absent. Ids follow <see cref="Identifier"/>'s rule, as the catalog's do.
/// </summary>
public sealed partial class EventFields(JsonElement @event)
{
    private readonly List<FieldError> _errors = [];

    public bool HasErrors => _errors.Count > 0;

    public IReadOnlyList<FieldError> Errors => _errors;

    public void Reject(string field, string message) => _errors.Add(new FieldError(field, message));

    /// <summary>Whether the field is there with a value other than null.</summary>
    public bool IsPresent(string field) => TryGetValue(field, out _);

    /// <summary>A string that <paramref name="accepts"/>; otherwise the error "field: rule".</summary>
    public string? RequiredString(string field, string rule, Func<string, bool> accepts)
    {
        if (TryGetString(field, out var value) && accepts(value))
        {
            return value;
        }
        Reject(field, rule);
        return null;
    }

    /// <summary>An identifier: 1 to <paramref name="maxLength"/> code points, no control characters.</summary>
    public string? RequiredId(string field, int maxLength, string? condition = null)
    {
        // Every event reads several ids: the rule's text is built only for an error.
        if (TryGetString(field, out var value) && Identifier.HasLength(value, maxLength))
        {
            return WithoutControlCharacters(field, value);
        }
        Reject(field, $"required string of 1-{maxLength} characters" + (condition is null ? "" : $" {condition}"));
        return null;
    }

    /// <summary>Like <see cref="RequiredId"/>, but absent (or null) is fine.</summary>
    public string? OptionalId(string field, int maxLength)
    {
        if (!IsPresent(field))
        {
            return null;
        }
        if (!TryGetString(field, out var value) || !Identifier.HasLength(value, maxLength))
        {
            Reject(field, $"optional string of 1-{maxLength} characters");
            return null;
        }
        return WithoutControlCharacters(field, value);
    }

    /// <summary>One of <paramref name="allowed"/>, compared exactly (case-sensitive).</summary>
    public string? RequiredOneOf(string field, IReadOnlyList<string> allowed)
    {
        if (TryGetString(field, out var value))
        {
            for (var i = 0; i < allowed.Count; i++)
            {
                if (allowed[i] == value) return allowed[i]; // the shared instance, not a copy per event
            }
        }
        Reject(field, $"required, one of {string.Join(", ", allowed)}");
        return null;
    }

    /// <summary>An ISO-8601 date-time that states its offset: a time without one would be read in the server's zone.</summary>
    public DateTimeOffset? RequiredTimestamp(string field)
    {
        if (TryGetString(field, out var text) && TimestampWithOffset().IsMatch(text) &&
            @event.GetProperty(field).TryGetDateTimeOffset(out var timestamp))
        {
            return timestamp;
        }
        Reject(field, "required ISO-8601 date-time with offset (Z or ±hh:mm)");
        return null;
    }

    /// <summary>
    /// Like <see cref="RequiredTimestamp(string)"/>, and at most <paramref name="maxFutureSkew"/> after
    /// <paramref name="now"/>: client clocks drift a little, but an event cannot have happened later than that.
    /// </summary>
    public DateTimeOffset? RequiredTimestamp(string field, DateTimeOffset now, TimeSpan maxFutureSkew)
    {
        var timestamp = RequiredTimestamp(field);
        if (timestamp - now > maxFutureSkew)
        {
            Reject(field, $"more than {Describe(maxFutureSkew)} in the future");
        }
        return timestamp;
    }

    /// <summary>An officially assigned ISO 3166-1 alpha-2 code in upper case.</summary>
    public string? RequiredTerritory(string field) =>
        RequiredString(field, "required ISO 3166-1 alpha-2 code, assigned and upper case (e.g. US)", Iso3166Alpha2.IsAssigned);

    /// <summary>A finite JSON number of at least zero; absent (or null) is fine.</summary>
    public double? OptionalNonNegativeNumber(string field)
    {
        if (!TryGetValue(field, out var value))
        {
            return null;
        }
        // 1e400 parses as infinity, so finiteness needs its own check.
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number) && number >= 0)
        {
            return number;
        }
        Reject(field, "optional finite number >= 0");
        return null;
    }

    /// <summary>Records an error when the field has a value.</summary>
    public void MustBeAbsent(string field, string condition)
    {
        if (IsPresent(field))
        {
            Reject(field, $"must be absent {condition}");
        }
    }

    private bool TryGetValue(string field, out JsonElement value) =>
        @event.TryGetProperty(field, out value) && value.ValueKind != JsonValueKind.Null;

    private bool TryGetString(string field, out string value)
    {
        value = "";
        if (!TryGetValue(field, out var element) || element.ValueKind != JsonValueKind.String)
        {
            return false;
        }
        try
        {
            value = element.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            return false; // not valid Unicode, e.g. an escaped lone surrogate "\ud800"
        }
    }

    private string? WithoutControlCharacters(string field, string value)
    {
        if (Identifier.HasControlCharacters(value))
        {
            Reject(field, "must not contain control characters (U+0000-U+001F, U+007F)");
            return null;
        }
        return value;
    }

    private static string Describe(TimeSpan span) => span.Ticks % TimeSpan.TicksPerMinute == 0
        ? Plural(span.TotalMinutes, "minute")
        : Plural(span.TotalSeconds, "second");

    private static string Plural(double count, string unit) =>
        count == 1 ? $"1 {unit}" : string.Create(CultureInfo.InvariantCulture, $"{count:0.###} {unit}s");

    // The offset must be written out; the parser below then checks that the date and time exist.
    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex TimestampWithOffset();
}
