namespace Streaming.Dashboard.Tests;

/// <summary>The real broker and Redis, and one headless Chromium, shared by the tests of this assembly.</summary>
[CollectionDefinition(RealDependenciesCollection.Name)]
public sealed class RealDependenciesDefinition : ICollectionFixture<RealDependencies>, ICollectionFixture<Chromium>;
