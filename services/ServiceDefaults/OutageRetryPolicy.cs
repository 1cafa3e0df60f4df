using MassTransit;
using MassTransit.RetryPolicies;

namespace Streaming.ServiceDefaults;

/// <summary>
/// A MassTransit retry policy with two schedules: <paramref name="outage"/> for transient faults and
/// <paramref name="poison"/> for the rest, each counted on its own, so a message that meets an outage after a
/// passing bug (or the other way round) gets both.
/// </summary>
public sealed class OutageRetryPolicy(IExceptionFilter filter, IReadOnlyList<TimeSpan> outage, IReadOnlyList<TimeSpan> poison) : IRetryPolicy
{
    public IReadOnlyList<TimeSpan> Outage => outage;
    public IReadOnlyList<TimeSpan> Poison => poison;

    public void Probe(ProbeContext context) => context.Set(new { Policy = "Outage", OutageRetries = outage.Count, PoisonRetries = poison.Count });

    public RetryPolicyContext<T> CreatePolicyContext<T>(T context) where T : class, PipeContext => new PolicyContext<T>(this, context);

    public bool IsHandled(Exception exception) => filter.Match(exception);

    /// <summary>The wait before the next attempt after <paramref name="fault"/>, or null when its schedule is spent.</summary>
    public TimeSpan? Next(Exception fault, ref int transientSoFar, ref int poisonSoFar)
    {
        if (!IsHandled(fault)) return null;
        if (TransientFaults.IsTransient(fault))
        {
            return transientSoFar < outage.Count ? outage[transientSoFar++] : null;
        }
        return poisonSoFar < poison.Count ? poison[poisonSoFar++] : null;
    }

    private sealed class PolicyContext<T>(OutageRetryPolicy policy, T context) : BaseRetryPolicyContext<T>(policy, context)
        where T : class, PipeContext
    {
        public override bool CanRetry(Exception exception, out RetryContext<T> retryContext)
        {
            var canRetry = base.CanRetry(exception, out retryContext);
            return canRetry && retryContext.Delay is not null;
        }

        protected override RetryContext<T> CreateRetryContext(Exception exception, CancellationToken cancellationToken)
        {
            int transient = 0, poison = 0;
            var delay = policy.Next(exception, ref transient, ref poison);
            return new Attempt<T>(policy, Context, exception, 0, transient, poison, delay, cancellationToken);
        }
    }

    private sealed class Attempt<T>(
        OutageRetryPolicy policy, T context, Exception exception, int retryCount, int transient, int poison, TimeSpan? delay, CancellationToken cancellationToken)
        : BaseRetryContext<T>(context, exception, retryCount, cancellationToken), RetryContext<T>
        where T : class, PipeContext
    {
        public override TimeSpan? Delay => delay;

        public bool CanRetry(Exception fault, out RetryContext<T> retryContext)
        {
            int nextTransient = transient, nextPoison = poison;
            var next = policy.Next(fault, ref nextTransient, ref nextPoison);
            retryContext = new Attempt<T>(policy, Context, fault, RetryCount + 1, nextTransient, nextPoison, next, CancellationToken);
            return next is not null;
        }
    }
}
