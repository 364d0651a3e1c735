using System.CommandLine;
using CpAlerts.Adapters.Storage;
using CpAlerts.Application.Configuration;
using CpAlerts.Tool.Cli;
using Microsoft.Extensions.Configuration;
using NodaTime;

// The operator's tool: the verbs people run beside the function app (the app itself only serves; functions/).
var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
var clock = SystemClock.Instance;

var root = new RootCommand("CpAlerts tool: import, check and report on statutory timescale alerts for children in care, and run the demo.")
{
    EvaluateCommand.Create(configuration, clock),
    ImportCommand.Create(configuration, clock),
    GenerateCommand.Create(clock),
    DemoCommand.Create(configuration, clock),
    ScorecardCommand.Create(configuration, clock),
    ReportCommand.Create(configuration, clock),
    CouncilsCommand.Create(configuration),
    DeadLettersCommand.Create(configuration, clock),
};

try
{
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e) when (e is SettingsException or DirectoryNotFoundException or FileNotFoundException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return ExitCodes.Failed;
}
catch (Azure.Identity.AuthenticationFailedException)
{
    // DefaultAzureCredential found no identity: no managed identity here, and no Azure CLI login.
    Console.Error.WriteLine("error: could not sign in to Table Storage (CpAlerts__Tables__Endpoint uses an Azure identity). On a workstation run `az login` first, or set CpAlerts__Tables__ConnectionString instead.");
    return ExitCodes.Failed;
}
catch (Exception e) when (StorageFailure.Is(e))
{
    Console.Error.WriteLine($"error: {StorageFailure.Advice(e)}");
    return ExitCodes.Failed;
}
