using Streaming.Ingest.Validation;

namespace Streaming.Ingest.Batches;

/// <summary>
/// The rejected events of one batch as its answer shows them: all counted, the first <paramref name="listed"/> (in the
/// order added, which is index order) spelled out. Events past the list keep no error text, so neither the answer
/// nor the memory it takes grows with the batch.
/// </summary>
public sealed class RejectionList(int listed)
{
    private readonly List<RejectedEvent> _listed = [];

    public int Count { get; private set; }

    public void Add(int index, IReadOnlyList<FieldError> errors)
    {
        Count++;
        if (_listed.Count < listed)
        {
            _listed.Add(new RejectedEvent(index, [.. errors.Select(e => e.ToString())]));
        }
    }

    public BatchAnswer Answer(int accepted) => new(accepted, Count, Count - _listed.Count, _listed);
}
