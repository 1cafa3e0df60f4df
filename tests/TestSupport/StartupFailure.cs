namespace Streaming.TestSupport;

/// <summary>What a host that refused to start said: the messages of the exception and of all it wraps, joined.</summary>
public static class StartupFailure
{
    public static string Messages(Exception e) => e is AggregateException a
        ? string.Join(" | ", a.InnerExceptions.Select(Messages))
        : e.Message + (e.InnerException is null ? "" : " | " + Messages(e.InnerException));
}
