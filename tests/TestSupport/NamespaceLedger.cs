namespace Streaming.TestSupport;

/// <summary>
/// The namespaces a test process issued, and when their queues may go: only once no test class holds the shared
/// dependencies, since any class still running may use any of them. A class that starts afterwards issues new ones.
/// </summary>
public sealed class NamespaceLedger
{
    private readonly List<string> _issued = [];
    private int _holders;

    public string Issue(string hint)
    {
        var ns = $"t-{hint}-{Guid.NewGuid():N}"[..Math.Min(40, hint.Length + 35)];
        lock (_issued) _issued.Add(ns);
        return ns;
    }

    public void Hold()
    {
        lock (_issued) _holders++;
    }

    /// <summary>Lets go of one hold; returns the namespaces that are done (all issued so far when it was the last hold).</summary>
    public IReadOnlyList<string> Release()
    {
        lock (_issued)
        {
            if (--_holders > 0) return [];
            var done = _issued.ToList();
            _issued.Clear();
            return done;
        }
    }
}
