namespace Streaming.PartitionedState.Tests;

[CollectionDefinition(RealDependenciesCollection.Name)]
public sealed class RealDependenciesDefinition : ICollectionFixture<RealDependencies>;
