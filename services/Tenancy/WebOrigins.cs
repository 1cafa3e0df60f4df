using System.Buffers;
using System.Collections.Frozen;

namespace Streaming.Tenancy;

/// <summary>
/// The web origins whose pages may post with a player key, as browsers write the <c>Origin</c> header:
/// <c>http(s)://host[:port]</c>, the default port left out, the host in lower case (punycode for an international
/// name). Ingest answers CORS for these origins only; <see cref="Any"/> (a key issued without origins) allows every
/// one, since a player key is a public, write-only key that every page of the player carries.
/// </summary>
public sealed class WebOrigins
{
    /// <summary>Most origins one key lists.</summary>
    public const int MaxPerKey = 20;

    /// <summary>Longest origin read: a host name has at most 253 characters.</summary>
    public const int MaxLength = 300;

    public const string Rule = "an origin as a browser sends it: http(s)://host[:port], without path, query, fragment or trailing slash";

    // What an origin never holds after its scheme: a path, query, fragment, credentials, a backslash Uri would read as '/'.
    private static readonly SearchValues<char> NotInAnOrigin = SearchValues.Create("/\\?#@ \t\r\n");

    private static readonly SearchValues<char> SchemeLetters = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");

    private readonly FrozenSet<string>? _listed;

    private WebOrigins(FrozenSet<string>? listed) => _listed = listed;

    public static WebOrigins Any { get; } = new(null);

    /// <summary>The origins a stored key lists (normalized when it was issued); <see cref="Any"/> for none.</summary>
    public static WebOrigins Of(IEnumerable<string>? origins) =>
        origins is null ? Any : new(origins.ToFrozenSet(StringComparer.OrdinalIgnoreCase));

    /// <summary>Whether every origin is allowed (the key lists none).</summary>
    public bool AllowsEvery => _listed is null;

    /// <summary>The origins listed; empty when every origin is allowed.</summary>
    public IEnumerable<string> Listed => _listed ?? [];

    public bool Allows(string origin) => _listed is null || _listed.Contains(origin);

    /// <summary>
    /// The origin <paramref name="text"/> names, in the form browsers send (<c>HTTPS://Player.Example:443</c> →
    /// <c>https://player.example</c>); null when it is not an http(s) origin (<see cref="Rule"/>).
    /// </summary>
    public static string? Normalize(string? text)
    {
        if (text is null || text.Length > MaxLength) return null;
        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0 || text.AsSpan(0, schemeEnd).ContainsAnyExcept(SchemeLetters) ||
            text.AsSpan(schemeEnd + 3).ContainsAny(NotInAnOrigin))
        {
            return null;
        }
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) ||
            uri.Scheme is not ("http" or "https") ||
            uri.HostNameType is not (UriHostNameType.Dns or UriHostNameType.IPv4 or UriHostNameType.IPv6) ||
            uri.IdnHost.Length == 0)
        {
            return null;
        }
        var host = uri.HostNameType == UriHostNameType.IPv6 ? uri.Host : uri.IdnHost.ToLowerInvariant();
        return uri.IsDefaultPort ? $"{uri.Scheme}://{host}" : $"{uri.Scheme}://{host}:{uri.Port}";
    }
}
