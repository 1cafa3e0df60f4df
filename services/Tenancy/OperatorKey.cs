using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Streaming.Tenancy;

/// <summary>The operator key's SHA-256, made once: a presented key is hashed and compared in constant time.</summary>
public sealed class OperatorKey(IOptions<AuthOptions> options)
{
    private readonly byte[] _sha256 = SHA256.HashData(Encoding.UTF8.GetBytes(options.Value.OperatorKey));

    public bool Matches(ReadOnlySpan<char> presented) => AccessToken.Matches(presented, _sha256);
}
