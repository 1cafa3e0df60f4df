namespace Streaming.Sessionization.Tests;

[CollectionDefinition(RealDependenciesCollection.Name)]
public sealed class RealDependenciesDefinition : ICollectionFixture<RealDependencies>;
