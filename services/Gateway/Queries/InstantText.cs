using System.Globalization;

namespace Streaming.Gateway.Queries;

public static class InstantText
{
    /// <summary>ISO 8601 with the instant's own offset and no trailing zero fraction, as JSON answers show it.</summary>
    public static string Iso(DateTimeOffset instant) =>
        instant.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);
}
