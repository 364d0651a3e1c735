using System.Text.Json;
using System.Text.Json.Serialization;
using CpAlerts.Domain.Escalation;
using CpAlerts.Domain.Rules;
using NodaTime;
using NodaTime.Text;

namespace CpAlerts.Application.Messages;

/// <summary>A rule as its RULES.md code ("IHA_REQUEST"); any other text is not a CpAlerts message.</summary>
public sealed class RuleCodeConverter : JsonConverter<RuleId>
{
    public override RuleId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && reader.GetString() is { } code && Enum.GetValues<RuleId>().FirstOrDefault(r => r.Code() == code) is var rule && rule.Code() == code
            ? rule
            : throw new JsonException("not a rule code");

    public override void Write(Utf8JsonWriter writer, RuleId value, JsonSerializerOptions options) => writer.WriteStringValue(value.Code());
}

/// <summary>
/// A date as ISO 8601 text, "2026-11-30" (one converter per NodaTime type, as NodaTime.Serialization has them; ours
/// throws JsonException for anything else, so a bad date is a message that is not ours, answered 400, never a 500).
/// </summary>
public sealed class IsoDateConverter : JsonConverter<LocalDate>
{
    public override LocalDate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && LocalDatePattern.Iso.Parse(reader.GetString()!) is { Success: true } date ? date.Value
            : throw new JsonException("not an ISO date (yyyy-MM-dd)");

    public override void Write(Utf8JsonWriter writer, LocalDate value, JsonSerializerOptions options) => writer.WriteStringValue(LocalDatePattern.Iso.Format(value));
}

/// <summary>An instant as extended ISO 8601 text in UTC, "2026-11-24T14:30:00Z"; anything else is not a CpAlerts message.</summary>
public sealed class IsoInstantConverter : JsonConverter<Instant>
{
    public override Instant Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && InstantPattern.ExtendedIso.Parse(reader.GetString()!) is { Success: true } instant ? instant.Value
            : throw new JsonException("not an ISO instant (yyyy-MM-ddTHH:mm:ssZ)");

    public override void Write(Utf8JsonWriter writer, Instant value, JsonSerializerOptions options) => writer.WriteStringValue(InstantPattern.ExtendedIso.Format(value));
}

/// <summary>An enum by its exact name ("TeamManager"); a number or an unknown name is not a CpAlerts message (never a default).</summary>
public sealed class EnumNameConverter<T> : JsonConverter<T>
    where T : struct, Enum
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && reader.GetString() is { } name && Enum.GetNames<T>().Contains(name) ? Enum.Parse<T>(name)
            : throw new JsonException($"not a {typeof(T).Name}");

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}

/// <summary>An escalation level as its number (0, 1, 2); any other number is not a CpAlerts message.</summary>
public sealed class LevelConverter : JsonConverter<EscalationLevel>
{
    public override EscalationLevel Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var n) && Enum.IsDefined((EscalationLevel)n) ? (EscalationLevel)n
            : throw new JsonException("not an escalation level");

    public override void Write(Utf8JsonWriter writer, EscalationLevel value, JsonSerializerOptions options) => writer.WriteNumberValue((int)value);
}

/// <summary>
/// A recipient in its wire shape — {"staffId": "S1", "fallback": false}, {"staffId": null, "fallback": true}
/// {"staffId": null, "fallback": false, "mailbox": "scorecard"} or {"staffId": null, "fallback": false, "healthTeamIcb": "QYG"}
/// — and only those four.
/// </summary>
public sealed class RecipientConverter : JsonConverter<MessageRecipient>
{
    public override MessageRecipient Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        string? Text(string name) => root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
        var fallback = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("fallback", out var f) && f.ValueKind == JsonValueKind.True;
        return (Text("staffId"), fallback, Text("mailbox"), Text("healthTeamIcb")) switch
        {
            ({ Length: > 0 } staffId, false, null, null) => MessageRecipient.Staff(staffId),
            (null, true, null, null) => MessageRecipient.FallbackMailbox,
            (null, false, MessageRecipient.ScorecardMailboxName, null) => MessageRecipient.ScorecardMailbox,
            (null, false, null, { Length: > 0 } icb) => MessageRecipient.HealthTeam(icb),
            _ => throw new JsonException("not a recipient"),
        };
    }

    public override void Write(Utf8JsonWriter writer, MessageRecipient value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("staffId", value.StaffId);
        writer.WriteBoolean("fallback", value.Fallback);
        if (value.Mailbox is { } mailbox)
        {
            writer.WriteString("mailbox", mailbox);
        }

        if (value.HealthTeamIcb is { } icb)
        {
            writer.WriteString("healthTeamIcb", icb);
        }

        writer.WriteEndObject();
    }
}
