namespace Streaming.Ingest.Tests;

/// <summary>xunit 2 finds collection definitions only in the test assembly, so TestSupport's needs this twin.</summary>
[CollectionDefinition(Name)]
public sealed class RealDependenciesCollection : ICollectionFixture<RealDependencies>
{
    public const string Name = TestSupport.RealDependenciesCollection.Name;
}
