using System.Text;
using System.Text.Json;
using CpAlerts.Application.Configuration;
using CpAlerts.Application.Messages;
using CpAlerts.Domain.Escalation;
using CpAlerts.Domain.Rules;
using CsCheck;

using NodaTime;

namespace CpAlerts.Functions.Tests;

/// <summary>A recipient's list always travels in messages Service Bus takes: split into parts when it is too long, nothing lost, nothing repeated.</summary>
public class MessagePartsTests
{
    private const int StandardLimit = 256 * 1024;

    private static AlertItem Item(int i) =>
        new($"C{i:D6}|DENTAL_CHECK|C{i:D6}", RuleId.DentalCheck, $"C{i:D6}", $"C{i:D6}", new LocalDate(2025, 9, 1), null, 400 + (i % 300), EscalationLevel.Escalated, Audience.DentalAdviser, null);

    private static EscalationMessage Build(IReadOnlyList<AlertItem> items, MessagePart? part) =>
        new(MessageSchema.Version, MessageSchema.IdFor(["DEMO", "baseline", "DA1", "2026-12-03", .. items.Select(i => i.FindingKey)]), "DEMO", new LocalDate(2026, 12, 3),
            MessageRecipient.Staff("DA1"), items) { Purpose = AlertPurpose.Baseline, Part = part };

    [Fact]
    public void Five_thousand_items_for_one_recipient_go_in_parts_that_each_fit_and_together_hold_every_item_once_in_order()
    {
        var items = Enumerable.Range(1, 5000).Select(Item).ToList();
        Assert.True(Encoding.UTF8.GetByteCount(JsonSerializer.Serialize(Build(items, null))) > StandardLimit); // one message would be refused

        var parts = MessageParts.Split(items, MessageOptions.Default.BudgetBytes, Build);

        Assert.True(parts.Count > 1);
        Assert.All(parts, p => Assert.True(MessageParts.Bytes(p) <= MessageOptions.Default.BudgetBytes, $"part {p.Part} is {MessageParts.Bytes(p)} bytes"));
        Assert.All(parts, p => Assert.True(Encoding.UTF8.GetByteCount(JsonSerializer.Serialize(p)) <= StandardLimit));
        Assert.Equal(items, parts.SelectMany(p => p.Items));
        Assert.Equal(Enumerable.Range(1, parts.Count).Select(n => new MessagePart(n, parts.Count)), parts.Select(p => p.Part));
        Assert.Equal(parts.Count, parts.Select(p => p.MessageId).Distinct().Count());
        // A re-run (a redelivered sweep) splits and names them the same way, so delivery drops the repeats.
        Assert.Equal(parts.Select(p => p.MessageId), MessageParts.Split(items, MessageOptions.Default.BudgetBytes, Build).Select(p => p.MessageId));
    }

    [Fact]
    public void A_list_that_fits_is_one_message_with_no_part_and_the_id_it_always_had()
    {
        var items = Enumerable.Range(1, 20).Select(Item).ToList();

        var message = Assert.Single(MessageParts.Split(items, MessageOptions.Default.BudgetBytes, Build));

        Assert.Null(message.Part);
        Assert.Equal(MessageSchema.IdFor(["DEMO", "baseline", "DA1", "2026-12-03", .. items.Select(i => i.FindingKey)]), message.MessageId);
        Assert.DoesNotContain("\"part\"", JsonSerializer.Serialize(message), StringComparison.Ordinal); // the wire shape of a whole list is unchanged
    }

    [Fact]
    public void Splitting_keeps_every_item_in_order_and_every_part_within_the_budget()
    {
        Gen.Select(Gen.Int[1, 400], Gen.Int[2, 40]).Sample((count, budgetKb) =>
        {
            var items = Enumerable.Range(1, count).Select(Item).ToList();
            var parts = MessageParts.Split(items, budgetKb * 1024, Build);
            return parts.SelectMany(p => p.Items).SequenceEqual(items)
                   && parts.All(p => MessageParts.Bytes(p) <= budgetKb * 1024)
                   && (parts.Count == 1 ? parts[0].Part is null : parts.All(p => p.Part!.Of == parts.Count));
        });
    }

    [Fact]
    public void An_item_larger_than_the_budget_on_its_own_is_a_bug_said_plainly_not_a_message_refused_later()
    {
        var e = Assert.Throws<InvalidOperationException>(() => MessageParts.Split([Item(1), Item(2)], 300, Build));
        Assert.Contains("larger than the message budget", e.Message, StringComparison.Ordinal);
    }
}
