namespace ExpertNetwork.Tests.Search;

public abstract class EngineFactsSuite
{
    [EngineFact]
    public void A_shared_fact_runs_only_where_its_engine_is_configured() => Assert.Fail("should have been skipped");
}

/// <summary>Shows how an engine that needs a server opts out: this one is always reported as skipped.</summary>
[RequiresEnvironmentVariable("EXPERTNET_TEST_UNSET_FOR_EVER")]
public sealed class UnconfiguredEngineFactsTests : EngineFactsSuite;
