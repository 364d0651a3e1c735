using System.CommandLine;
using System.Globalization;
using System.Text;
using Azure.Identity;
using Azure.Messaging.ServiceBus;
using CpAlerts.Adapters.ServiceBus;
using Microsoft.Extensions.Configuration;
using NodaTime;

namespace CpAlerts.Tool.Cli;

/// <summary>
/// `deadletters list|show|resubmit|purge ENTITY`: the operator's runbook for the dead-letter alert, signed in as the
/// operator (DefaultAzureCredential: `az login` on a workstation). list and show only peek; resubmit sends the original
/// bytes back with the original id (or --new-id); purge deletes, after confirmation.
/// </summary>
public static class DeadLettersCommand
{
    /// <summary>The app setting ServiceBusConnection__fullyQualifiedNamespace, as configuration names it.</summary>
    public const string NamespaceSetting = "ServiceBusConnection:fullyQualifiedNamespace";

    private const string ReceiverRole = "Azure Service Bus Data Receiver";
    private const string SenderRole = "Azure Service Bus Data Sender";

    /// <summary>Where the command talks to a person: the console, or a test's writers.</summary>
    internal sealed record Terminal(TextWriter Out, TextWriter Error, TextReader In, Func<bool> CanAsk)
    {
        public static Terminal System => new(Console.Out, Console.Error, Console.In, () => !Console.IsInputRedirected);
    }

    public static Command Create(IConfiguration configuration, IClock clock) =>
        Create(configuration, clock, Terminal.System, fullyQualifiedNamespace => new ServiceBusClient(fullyQualifiedNamespace, new DefaultAzureCredential()));

    internal static Command Create(IConfiguration configuration, IClock clock, Terminal terminal, Func<string, ServiceBusClient> connect)
    {
        var serviceBus = new Option<string?>("--namespace")
        {
            Description = "The Service Bus namespace, fully qualified, e.g. cpalerts-prod.servicebus.windows.net (the deployment output serviceBusNamespace). Default: the ServiceBusConnection__fullyQualifiedNamespace setting.",
            Recursive = true,
        };

        Argument<string> Entity() => new("entity") { Description = $"The queue or topic whose dead-letter queue to use: {DeadLetterEntity.Allowed}." };

        // One client per invocation, shared by every receiver and sender the verb makes, closed at the end.
        async Task<int> RunAsync(ParseResult parse, string verb, string entityName, bool sends, Func<DeadLetterQueue, DeadLetterEntity, string, Task<int>> work)
        {
            DeadLetterEntity entity;
            try
            {
                entity = DeadLetterEntity.Resolve(entityName);
            }
            catch (UnknownDeadLetterEntityException e)
            {
                terminal.Error.WriteLine($"deadletters {verb}: {TerminalText.Clean(e.Message)}");
                return ExitCodes.Failed;
            }

            if (FullyQualified(parse.GetValue(serviceBus) ?? configuration[NamespaceSetting]) is not { } ns)
            {
                terminal.Error.WriteLine($"deadletters {verb}: give --namespace NAME.servicebus.windows.net (the deployment output serviceBusNamespace), or set ServiceBusConnection__fullyQualifiedNamespace.");
                return ExitCodes.Failed;
            }

            var roles = sends ? $"{ReceiverRole} and {SenderRole}" : ReceiverRole;
            try
            {
                await using var client = connect(ns);
                return await work(new DeadLetterQueue(client, clock), entity, ns);
            }
            catch (AuthenticationFailedException)
            {
                terminal.Error.WriteLine($"deadletters {verb}: could not sign in to Service Bus. Run `az login` as the operator first (the command uses your Azure identity; the namespace has no keys).");
                return ExitCodes.Failed;
            }
            catch (UnauthorizedAccessException)
            {
                terminal.Error.WriteLine($"deadletters {verb}: Service Bus refused your identity. Give it the role {roles} on the namespace {ns} (role assignments take a few minutes to apply), then run again.");
                return ExitCodes.Failed;
            }
            catch (ServiceBusException e) when (e.Reason == ServiceBusFailureReason.MessagingEntityNotFound)
            {
                terminal.Error.WriteLine($"deadletters {verb}: {entity.DeadLetterPath} does not exist in {ns}: check --namespace (the deployment output serviceBusNamespace).");
                return ExitCodes.Failed;
            }
            catch (ServiceBusException e) when (e.Reason == ServiceBusFailureReason.ServiceCommunicationProblem)
            {
                terminal.Error.WriteLine($"deadletters {verb}: could not reach {ns}: check the name; with private networking run this from inside the network. ({FirstLine(e.Message)})");
                return ExitCodes.Failed;
            }
            catch (ServiceBusException e)
            {
                terminal.Error.WriteLine($"deadletters {verb}: Service Bus failed ({e.Reason}): {FirstLine(e.Message)}");
                return ExitCodes.Failed;
            }
        }

        var listEntity = Entity();
        var list = new Command("list", "The dead-lettered messages, oldest first: why, how often tried, when, how big. Peeks only: nothing is locked or changed.") { listEntity };
        list.SetAction((parse, cancellationToken) => RunAsync(parse, "list", parse.GetRequiredValue(listEntity), sends: false, async (queue, entity, ns) =>
        {
            var messages = await queue.ListAsync(entity.Name, cancellationToken);
            if (messages.Count > 0)
            {
                terminal.Out.Write(TerminalText.Clean(Table(messages)));
            }

            terminal.Error.WriteLine($"deadletters list: {messages.Count} message(s) in {entity.DeadLetterPath} on {ns}.{(messages.Count > 0 ? $" `deadletters show {entity.Name} MESSAGE-ID` prints one with its body." : "")}");
            return ExitCodes.Success;
        }));

        var showEntity = Entity();
        var showId = new Argument<string>("message-id") { Description = "The message id, as `deadletters list` prints it." };
        var show = new Command("show", "One dead-lettered message with its body (ids and rule facts only, no names). Peeks only.") { showEntity, showId };
        show.SetAction((parse, cancellationToken) => RunAsync(parse, "show", parse.GetRequiredValue(showEntity), sends: false, async (queue, entity, _) =>
        {
            var id = parse.GetRequiredValue(showId);
            var found = await queue.ShowAsync(entity.Name, id, cancellationToken);
            if (found.Count == 0)
            {
                terminal.Error.WriteLine($"deadletters show: no dead-lettered message with id {TerminalText.Clean(id)} in {entity.DeadLetterPath}; `deadletters list {entity.Name}` shows the ids.");
                return ExitCodes.Incomplete;
            }

            terminal.Out.Write(TerminalText.Clean(string.Join(Environment.NewLine, found.Select(Details))));
            return ExitCodes.Success;
        }));

        var resubmitEntity = Entity();
        var resubmitId = new Argument<string?>("message-id") { Description = "The message id to resubmit (every dead-lettered copy with that id).", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "Resubmit every message in the dead-letter queue." };
        var newId = new Option<bool>("--new-id") { Description = "Give each copy a new broker id (ID-resubmit-N), for a message first sent less than a day ago, which duplicate detection would otherwise drop. Delivery dedupes on the body's own id, so no email goes twice." };
        var resubmit = new Command("resubmit", "Send dead-lettered message(s) back to the queue or topic they came from, byte for byte, then remove them from the dead-letter queue.") { resubmitEntity, resubmitId, all, newId };
        resubmit.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValue(resubmitId)) == !result.GetValue(all))
            {
                result.AddError("Give either a MESSAGE-ID (from `deadletters list ENTITY`) or --all.");
            }
        });
        resubmit.SetAction((parse, cancellationToken) => RunAsync(parse, "resubmit", parse.GetRequiredValue(resubmitEntity), sends: true, async (queue, entity, ns) =>
        {
            var id = parse.GetValue(all) ? null : parse.GetValue(resubmitId)!.Trim();
            var results = await queue.ResubmitAsync(entity.Name, id, parse.GetValue(newId), cancellationToken);
            if (results.Count == 0)
            {
                terminal.Error.WriteLine(id is null
                    ? $"deadletters resubmit: {entity.DeadLetterPath} is empty; nothing to resubmit."
                    : $"deadletters resubmit: no dead-lettered message with id {TerminalText.Clean(id)} in {entity.DeadLetterPath}; `deadletters list {entity.Name}` shows the ids.");
                return ExitCodes.Incomplete;
            }

            foreach (var r in results)
            {
                terminal.Out.WriteLine(TerminalText.Clean(Outcome(r, entity, ns)));
            }

            var sent = results.Count(r => r.Outcome is ResubmitOutcome.Resubmitted or ResubmitOutcome.SentButStillDeadLettered);
            terminal.Error.WriteLine($"deadletters resubmit: {sent} of {results.Count} message(s) sent back to {entity.Name}.");
            return sent == results.Count && results.All(r => r.Outcome == ResubmitOutcome.Resubmitted) ? ExitCodes.Success
                : results.Any(r => r.Outcome == ResubmitOutcome.SendFailed) && sent == 0 ? ExitCodes.Failed
                : ExitCodes.Incomplete;
        }));

        var purgeEntity = Entity();
        var yes = new Option<bool>("--yes") { Description = "Do not ask: delete every dead-lettered message of the entity." };
        var purge = new Command("purge", "Delete every message in the dead-letter queue, for good. Asks you to type the entity name unless --yes.") { purgeEntity, yes };
        purge.SetAction((parse, cancellationToken) => RunAsync(parse, "purge", parse.GetRequiredValue(purgeEntity), sends: false, async (queue, entity, ns) =>
        {
            if (!parse.GetValue(yes))
            {
                if (!terminal.CanAsk())
                {
                    terminal.Error.WriteLine($"deadletters purge: nothing deleted. Input is not a terminal to confirm on; run again with --yes to delete every message in {entity.DeadLetterPath}.");
                    return ExitCodes.Incomplete;
                }

                var count = (await queue.ListAsync(entity.Name, cancellationToken)).Count;
                if (count == 0)
                {
                    terminal.Error.WriteLine($"deadletters purge: {entity.DeadLetterPath} is empty; nothing to delete.");
                    return ExitCodes.Success;
                }

                terminal.Error.Write($"{entity.DeadLetterPath} on {ns} holds {count} message(s); they will be deleted for good. Type '{entity.Name}' to delete them: ");
                if (terminal.In.ReadLine()?.Trim() != entity.Name)
                {
                    terminal.Error.WriteLine("deadletters purge: not confirmed; nothing deleted.");
                    return ExitCodes.Incomplete;
                }
            }

            var removed = await queue.PurgeAsync(entity.Name, cancellationToken);
            terminal.Error.WriteLine($"deadletters purge: {removed} message(s) deleted from {entity.DeadLetterPath}.");
            return ExitCodes.Success;
        }));

        return new Command("deadletters", $"Dead-lettered Service Bus messages: list, show, resubmit, purge. Needs the role {ReceiverRole} on the namespace (and {SenderRole} to resubmit); run `az login` first.")
        {
            serviceBus, list, show, resubmit, purge,
        };
    }

    /// <summary>A name as given (NAME.servicebus.windows.net, sb://NAME.servicebus.windows.net/ or https://…:443/) made bare; null when missing or not fully qualified.</summary>
    internal static string? FullyQualified(string? name)
    {
        var text = name?.Trim() ?? "";
        foreach (var scheme in new[] { "sb://", "https://", "amqps://" })
        {
            if (text.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                text = text[scheme.Length..];
            }
        }

        text = text.TrimEnd('/');
        if (text.EndsWith(":443", StringComparison.Ordinal))
        {
            text = text[..^4];
        }

        return text.Contains('.', StringComparison.Ordinal) && !text.Contains('/', StringComparison.Ordinal) && !text.Contains(' ', StringComparison.Ordinal) ? text : null;
    }

    internal static string Utc(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The list as a plain table, one line per message; never the body.</summary>
    internal static string Table(IReadOnlyList<DeadLetter> messages)
    {
        string[] header = ["SEQUENCE", "MESSAGE ID", "ENQUEUED (UTC)", "DELIVERIES", "BYTES", "REASON", "DESCRIPTION"];
        var rows = messages.Select(m => new[]
        {
            m.SequenceNumber.ToString(CultureInfo.InvariantCulture), m.MessageId, Utc(m.EnqueuedTime), m.DeliveryCount.ToString(CultureInfo.InvariantCulture),
            Size(m), m.Reason ?? "-", OneLine(m.Description) ?? "-",
        }).ToList();
        var widths = Enumerable.Range(0, header.Length - 1).Select(i => rows.Select(r => r[i].Length).Append(header[i].Length).Max()).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows.Prepend(header))
        {
            text.AppendLine(string.Join("  ", row.Select((cell, i) => i < widths.Length ? cell.PadRight(widths[i]) : cell)).TrimEnd());
        }

        if (messages.Any(m => m.BodyKind != DeadLetterBodyKind.Bytes))
        {
            text.AppendLine("* the body is an AMQP value, not bytes (\"str\": a string, as the portal's Service Bus Explorer sends).");
        }

        return text.ToString();
    }

    private static string Size(DeadLetter m) => m.BodyKind switch
    {
        DeadLetterBodyKind.Bytes => m.BodyBytes!.Value.ToString(CultureInfo.InvariantCulture),
        DeadLetterBodyKind.AmqpString => $"{m.BodyBytes} str*",
        _ => "?*",
    };

    private static string? OneLine(string? text) => text?.ReplaceLineEndings(" ");

    /// <summary>An SDK message without the stack trace some of them carry.</summary>
    private static string FirstLine(string text) => TerminalText.Clean(text.Split('\n', 2)[0].Trim());

    /// <summary>One message for `show`: the list's fields, one a line, then the body as it is.</summary>
    internal static string Details(DeadLetterContent content)
    {
        var m = content.Message;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"sequence number:  {m.SequenceNumber}");
        text.AppendLine(CultureInfo.InvariantCulture, $"message id:       {m.MessageId}");
        text.AppendLine(CultureInfo.InvariantCulture, $"reason:           {m.Reason ?? "-"}");
        text.AppendLine(CultureInfo.InvariantCulture, $"description:      {OneLine(m.Description) ?? "-"}");
        text.AppendLine(CultureInfo.InvariantCulture, $"delivery count:   {m.DeliveryCount}");
        text.AppendLine(CultureInfo.InvariantCulture, $"enqueued (UTC):   {Utc(m.EnqueuedTime)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"body:             {m.BodyKind switch
        {
            DeadLetterBodyKind.Bytes => $"{m.BodyBytes} bytes",
            DeadLetterBodyKind.AmqpString => $"an AMQP string value, {m.BodyBytes} bytes in UTF-8 (re-sent from the portal's Service Bus Explorer?)",
            _ => "an AMQP value that is neither bytes nor a string (not a CpAlerts message)",
        }}");
        if (content.Body is { } body)
        {
            text.AppendLine(body);
        }

        return text.ToString();
    }

    private static string Outcome(Resubmission r, DeadLetterEntity entity, string ns)
    {
        var m = r.Message;
        var which = $"{m.MessageId} (sequence {m.SequenceNumber})";
        var renamed = r.SentMessageId is { } sentId && sentId != m.MessageId ? $" as {sentId}" : "";
        return r.Outcome switch
        {
            ResubmitOutcome.Resubmitted => $"resubmitted {which} to {entity.Name}{renamed}; removed from the dead-letter queue.",
            ResubmitOutcome.HeldBackDuplicateWindow =>
                $"held back {which}: first enqueued {Utc(m.EnqueuedTime)}, less than the {DeadLetterQueue.DuplicateDetectionWindow.Days}-day duplicate detection window ago, " +
                $"so Service Bus would accept a copy with the same id and silently drop it. Run again with --new-id, or after {InstantText(DeadLetterQueue.ForgottenAfter(m))}. It stays in the dead-letter queue.",
            ResubmitOutcome.SendFailed => $"could not resubmit {which} ({FirstLine(r.Error ?? "")}). It stays in the dead-letter queue." +
                (r.Refused ? $" Sending needs the role {SenderRole} on the namespace {ns} as well (role assignments take a few minutes to apply)." : ""),
            ResubmitOutcome.SentButStillDeadLettered =>
                $"resubmitted {which} to {entity.Name}{renamed}, but could not remove it from the dead-letter queue ({FirstLine(r.Error ?? "")}); it is still listed. " +
                $"Delivery dedupes on the body's own id, so a second resubmit sends no second email; `deadletters purge {entity.Name}` clears it.",
            ResubmitOutcome.NotTried => $"not tried {which}: stopped after the failure above. It stays in the dead-letter queue.",
            ResubmitOutcome.NotReceived => $"not received {which}: another receiver holds it, or it went meanwhile; `deadletters list {entity.Name}` shows what is left.",
            _ => $"{which}: {r.Outcome}",
        };
    }

    private static string InstantText(Instant instant) => Utc(instant.ToDateTimeOffset());
}
