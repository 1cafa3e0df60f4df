namespace Streaming.EngagementRanking.Tests;

[CollectionDefinition(RealDependenciesCollection.Name)]
public sealed class RealDependenciesDefinition : ICollectionFixture<RealDependencies>;
