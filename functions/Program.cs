using System.CommandLine;
using CpAlerts.Adapters.Storage;
using CpAlerts.Application.Configuration;
using CpAlerts.Functions.Handler;
using NodaTime;

// The function app: the Functions host starts `CpAlerts serve` (host.json) and POSTs invocations to it on loopback.
// It does nothing else; the operator's verbs are the tool's (tool/, README "The operator's tool").
var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
var root = new RootCommand("CpAlerts function app: the Azure Functions custom handler. The operator's verbs (import, report, demo, …) are in CpAlerts.Tool.")
{
    ServeCommand.Create(configuration, SystemClock.Instance),
};

try
{
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (SettingsException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}
catch (Exception e) when (StorageFailure.Is(e))
{
    Console.Error.WriteLine($"error: {StorageFailure.Advice(e)}");
    return 2;
}
