using System.Net;
using CpAlerts.Adapters.Email;
using CpAlerts.Adapters.ServiceBus;
using CpAlerts.Adapters.Storage;
using CpAlerts.Adapters.Telemetry;
using CpAlerts.Application.Configuration;
using CpAlerts.Application.Delivery;
using CpAlerts.Application.Ports;
using CpAlerts.Application.Reporting;
using CpAlerts.Application.Sweep;
using CpAlerts.Functions.Web;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using NodaTime;

namespace CpAlerts.Functions.Handler;

/// <summary>
/// The custom handler, composed in one place from validated settings: storage adapters → sweep and
/// delivery → functions → endpoints on 127.0.0.1.
/// </summary>
public static class HandlerApp
{
    /// <param name="logging">The `Logging` configuration section's source (levels per category).</param>
    /// <param name="mail">The mail service; by default the one the settings name (SendGrid, or an outbox folder).</param>
    /// <param name="retries">Where retry copies are scheduled; by default Service Bus itself when a namespace is configured.
    /// The demo and the tests pass the local stand-ins (CpAlerts.Testing) for both.</param>
    /// <param name="logTo">Where the log lines go instead of the console (the demo's --faults keeps them in a file); null: the console.</param>
    public static async Task<WebApplication> BuildAsync(HandlerSettings settings, IConfiguration logging, IClock clock,
        IEmailSender? mail = null, IRetryScheduler? retries = null, ILoggerProvider? logTo = null)
    {
        // The exporter takes a while to make (cold start): made alongside the rest, and ready before the first
        // invocation is taken, since an instrument records nothing until a provider listens.
        var telemetryStarting = Task.Run(() => (Export: TelemetryExport.Start(settings.Telemetry, "serve", out var problem), Problem: problem));

        // No configuration file watching: the default reloads appsettings.json on change with a recursive watcher over
        // the working directory, which costs seconds of start-up in a large folder. The handler has no appsettings.json.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
            ContentRootPath = AppContext.BaseDirectory,
        });
        // Quiet framework logs unless configured otherwise (Logging__LogLevel__… settings win).
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            // Data Protection warns that the form-token keys are stored unencrypted: they are, in Table Storage, on purpose (docs/security.md).
            ["Logging:LogLevel:Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager"] = "Error",
        });
        builder.Configuration.AddConfiguration(logging);
        builder.Logging.ClearProviders();
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.None);
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        // Warnings and errors to stderr, the rest to stdout; the host captures both (docs/host-contract.md). Scopes
        // put the function name and the host's invocation id on every line logged during an invocation.
        if (logTo is not null)
        {
            builder.Logging.AddProvider(logTo);
        }
        else
        {
            builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Warning);
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.IncludeScopes = true;
            });
        }
        // Loopback only: nothing but the Functions host on the same machine can invoke a function.
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, settings.Port));

        // No storage call before the first answer (cold start): the tables are created by the Bicep
        // deployment and by `import`, not here; clients connect on first use.
        var storage = TableStorage.Create(settings.Tables);
        var caseload = new CaseloadStore(storage);
        var acknowledgements = new AcknowledgementStore(storage);
        var deliveryLog = new DeliveryLog(storage, settings.DeliveryLease);
        var pipeline = DeliveryPipeline.Standard(caseload, deliveryLog, new EmailTemplates(settings.Delivery.TemplatesFolder),
            mail ?? MailServices.Create(settings.MailService, settings.Delivery), settings.Delivery, clock, new EmailMeter());
        // Made now, connected on the first retry (cold start).
        retries ??= settings.ServiceBusNamespace is { } ns ? ServiceBusRetries.ForNamespace(ns, settings.ServiceBusClientId) : new NoRetryScheduler();

        var app = builder.Build();
        var loggers = app.Services.GetRequiredService<ILoggerFactory>();
        var runs = new SweepRunLog(storage);
        var openItems = new OpenItemsTable(storage);
        var sweeps = new SweepFunctions(caseload, new CouncilSweep(caseload, new FindingStateStore(storage), settings.Sweep, acknowledgements, runs, openItems), runs,
            new Outbox(new OutboxTable(storage), deliveryLog, settings.Sweep.Messages.RedriveGrace), settings.Sweep.Calendar, clock, loggers.CreateLogger("CpAlerts.Sweep"))
        {
            ScorecardPeriod = settings.Scorecard.Period,
            FutureSkew = settings.Sweep.FutureSkew,
        };
        var (telemetry, telemetryProblem) = await telemetryStarting;
        if (telemetry is not null)
        {
            // After each invocation's answer, off the request: the host may kill the process at any time (TelemetryExport).
            // The team view's pages ("/" and /api/…) record nothing.
            app.Use((context, next) =>
            {
                if (context.Request.Path != TeamViewRoutes.Home && !context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
                {
                    context.Response.OnCompleted(() =>
                    {
                        telemetry.FlushSoon();
                        return Task.CompletedTask;
                    });
                }

                return next(context);
            });
            app.Lifetime.ApplicationStopped.Register(telemetry.Dispose);
        }

        var delivery = new DeliveryFunctions(pipeline, new EmailContent(caseload, settings.Delivery),
            (council, periodEnd, kind, ct) => ScorecardReport.ReadAsync(caseload, acknowledgements, council, periodEnd, kind,
                settings.Sweep.Calendar, settings.Sweep.Policy, settings.Scorecard.Policy, ct),
            retries, settings.Retries, clock, loggers.CreateLogger("CpAlerts.Delivery"))
        {
            Rules = settings.Sweep,
        };
        FunctionEndpoints.Map(app, new Dictionary<string, FunctionEndpoints.FunctionHandler>
        {
            [SweepFunctions.DailySweep] = sweeps.DailySweepAsync,
            [SweepFunctions.WeeklyDigest] = sweeps.WeeklyDigestAsync,
            [SweepFunctions.PublishScorecard] = sweeps.PublishScorecardAsync,
            [SweepFunctions.SweepCouncil] = sweeps.SweepCouncilAsync,
            [DeliveryFunctions.DeliverDigest] = delivery.DeliverDigestAsync,
            [DeliveryFunctions.DeliverEscalation] = delivery.DeliverEscalationAsync,
            [DeliveryFunctions.NotifyHealthTeam] = delivery.NotifyHealthTeamAsync,
            [DeliveryFunctions.DeliverScorecard] = delivery.DeliverScorecardAsync,
            [DeliveryFunctions.DeliverReport] = delivery.DeliverReportAsync,
            [RetentionFunctions.PurgeOldRecords] = new RetentionFunctions(new RetentionPurge(storage, settings.Retention), clock).PurgeAsync,
        });
        if (telemetryProblem is not null)
        {
            HandlerLog.TelemetryOff(loggers.CreateLogger("CpAlerts.Telemetry"), telemetryProblem);
        }

        if (settings.MailService.Problem is { } mailProblem)
        {
            HandlerLog.MailServiceUnusable(loggers.CreateLogger("CpAlerts.Delivery"), mailProblem);
        }

        if (settings.Delivery.Web.Refusal is { } refusal)
        {
            HandlerLog.TeamViewOff(loggers.CreateLogger("CpAlerts.Web"), refusal);
        }

        new WebEndpoints(new SignedInStaff(caseload, settings.Delivery.Web.SignIn), new TeamItems(openItems, caseload, acknowledgements, settings.Sweep), acknowledgements,
                new FormToken(() => FormKeys(storage, loggers)), settings.Sweep, settings.Delivery, clock,
                loggers.CreateLogger("CpAlerts.Web"))
            .Map(app, settings.Delivery.Web.SignIn);
        return app;
    }

    /// <summary>
    /// Data Protection for the form tokens, its keys shared by every instance through Table Storage
    /// (Storage/FormKeyRing.cs). Made on the first form, outside the web host: AddDataProtection on the host
    /// registers a hosted service that reads the key ring before the first answer (cold start).
    /// </summary>
    private static IDataProtectionProvider FormKeys(TableStorage storage, ILoggerFactory logging) =>
        new ServiceCollection()
            .AddSingleton(logging) // its key-ring reads and key creation logged like the rest
            .AddDataProtection().SetApplicationName("CpAlerts").Services
            .Configure<KeyManagementOptions>(o => o.XmlRepository = new FormKeyRing(storage))
            .BuildServiceProvider()
            .GetRequiredService<IDataProtectionProvider>();
}
