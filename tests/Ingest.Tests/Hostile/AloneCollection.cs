namespace Streaming.Ingest.Tests.Hostile;

/// <summary>
/// Tests that keep both cores busy for a while run alone, after the others: beside them, the tests that bound a wait
/// (the publish timeout's) would measure the machine's load, not the service.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "alone";
}
