using Xunit.Abstractions;
using Xunit.Sdk;

namespace ExpertNetwork.Tests.Search;

/// <summary>
/// Put on a concrete engine test class whose engine needs a server: every <see cref="EngineFactAttribute"/>
/// and <see cref="EngineTheoryAttribute"/> it inherits is reported as skipped when the variable is unset.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequiresEnvironmentVariableAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

/// <summary>A fact of a shared engine suite; skipped for engines whose <see cref="RequiresEnvironmentVariableAttribute"/> is not met.</summary>
[XunitTestCaseDiscoverer("ExpertNetwork.Tests.Search.EngineFactDiscoverer", "ExpertNetwork.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class EngineFactAttribute : FactAttribute;

[XunitTestCaseDiscoverer("ExpertNetwork.Tests.Search.EngineTheoryDiscoverer", "ExpertNetwork.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class EngineTheoryAttribute : TheoryAttribute;

public sealed class EngineFactDiscoverer(IMessageSink sink) : FactDiscoverer(sink)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions options, ITestMethod method, IAttributeInfo attribute) =>
        EngineSkip.Reason(method) is { } reason
            ? [EngineSkip.Skipped(DiagnosticMessageSink, options, method, reason)]
            : base.Discover(options, method, attribute);
}

public sealed class EngineTheoryDiscoverer(IMessageSink sink) : TheoryDiscoverer(sink)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions options, ITestMethod method, IAttributeInfo attribute) =>
        EngineSkip.Reason(method) is { } reason
            ? [EngineSkip.Skipped(DiagnosticMessageSink, options, method, reason)]
            : base.Discover(options, method, attribute);
}

internal static class EngineSkip
{
    public static string? Reason(ITestMethod method)
    {
        foreach (var requirement in method.TestClass.Class.GetCustomAttributes(typeof(RequiresEnvironmentVariableAttribute)))
        {
            var name = requirement.GetConstructorArguments().OfType<string>().First();
            if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(name)))
            {
                return $"{name} is not set";
            }
        }

        return null;
    }

    public static IXunitTestCase Skipped(IMessageSink sink, ITestFrameworkDiscoveryOptions options, ITestMethod method, string reason) =>
        new XunitSkippedDataRowTestCase(sink, options.MethodDisplayOrDefault(), options.MethodDisplayOptionsOrDefault(), method, reason);
}
