using System.Reflection;
using StackExchange.Redis;

namespace Streaming.ServiceDefaults;

/// <summary>
/// A Lua script shipped as an embedded resource, read once per process. StackExchange.Redis sends its SHA (EVALSHA)
/// after the first run and reloads it by itself when Redis has forgotten it (a restart, SCRIPT FLUSH).
/// </summary>
public sealed class RedisScript(string source)
{
    public string Source { get; } = source;

    public static RedisScript FromResource(Assembly assembly, string logicalName)
    {
        using var stream = assembly.GetManifestResourceStream(logicalName)
            ?? throw new InvalidOperationException($"embedded script {logicalName} is missing from {assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return new RedisScript(reader.ReadToEnd());
    }

    public Task<RedisResult> EvaluateAsync(IDatabase db, RedisKey[] keys, RedisValue[] args) => db.ScriptEvaluateAsync(Source, keys, args);
}
