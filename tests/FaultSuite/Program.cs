using Streaming.FaultSuite;
using Streaming.FaultSuite.Harness;

// The fault suite (docs/operations.md, "The fault suite"): run it with bash infra/fault-suite.sh [--only <fault>].
var settings = SuiteSettings.FromEnvironment(args);
return await new Suite(settings).RunAsync();
