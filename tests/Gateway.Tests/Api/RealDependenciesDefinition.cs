namespace Streaming.Gateway.Tests.Api;

/// <summary>xunit 2 finds collection definitions only in the test assembly, so the shared fixture is declared here too.</summary>
[CollectionDefinition(RealDependenciesCollection.Name)]
public sealed class RealDependenciesDefinition : ICollectionFixture<RealDependencies>;
