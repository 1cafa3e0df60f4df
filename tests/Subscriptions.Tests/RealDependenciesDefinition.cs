namespace Streaming.Subscriptions.Tests;

[CollectionDefinition(RealDependenciesCollection.Name)]
public sealed class RealDependenciesDefinition : ICollectionFixture<RealDependencies>;
