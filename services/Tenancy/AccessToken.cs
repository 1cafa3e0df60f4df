using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Streaming.Tenancy;

/// <summary>
/// The keys clients present: <c>{keyId}.{secret}</c>. The key id is public (it names the key in lists and in
/// <c>DELETE /v1/admin/keys/{keyId}</c>) and finds the stored key without a scan; the secret is 256 random bits in
/// base64url, shown once and stored only as its SHA-256. A salted slow hash (bcrypt, PBKDF2) protects secrets people
/// choose; a 256-bit random secret cannot be guessed from its hash, so one SHA-256 per request is as safe and costs a
/// microsecond on the hot path.
/// </summary>
public static class AccessToken
{
    public const char Separator = '.';

    /// <summary>Longest token read; anything longer is refused before it is hashed.</summary>
    public const int MaxLength = 256;

    private const int SecretBytes = 32;
    private const int KeyIdBytes = 12;

    /// <summary>A new key id of a kind: its prefix (<see cref="KeyKinds.Prefix"/>) and 96 random bits.</summary>
    public static string NewKeyId(string kind) => KeyKinds.Prefix(kind) + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(KeyIdBytes));

    public static string NewSecret() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));

    public static string Compose(string keyId, string secret) => keyId + Separator + secret;

    /// <summary>The SHA-256 of a text's UTF-8, hex encoded as stored.</summary>
    public static string HashHex(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Splits a token into its key id and secret, without allocating; false when it is not of this form.</summary>
    public static bool TrySplit(ReadOnlySpan<char> token, out ReadOnlySpan<char> keyId, out ReadOnlySpan<char> secret)
    {
        var at = token.IndexOf(Separator);
        keyId = at > 0 ? token[..at] : default;
        secret = at > 0 ? token[(at + 1)..] : default;
        return at > 0 && secret.Length > 0;
    }

    /// <summary>
    /// Whether <paramref name="text"/> hashes to <paramref name="sha256"/>, in time that does not depend on where
    /// they differ; no heap allocation.
    /// </summary>
    public static bool Matches(ReadOnlySpan<char> text, ReadOnlySpan<byte> sha256)
    {
        if (text.Length > MaxLength) return false;
        Span<byte> utf8 = stackalloc byte[MaxLength * 3];
        var length = Encoding.UTF8.GetBytes(text, utf8);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8[..length], hash);
        return CryptographicOperations.FixedTimeEquals(hash, sha256);
    }
}
