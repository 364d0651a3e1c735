using CpAlerts.Domain.Acknowledgements;
using NodaTime;

namespace CpAlerts.Application.Ports;

/// <summary>
/// Who has said which findings are in hand: the current acknowledgement of each finding, and an audit record of
/// every acknowledgement and withdrawal (who, when, reason, until, finding), written together.
/// </summary>
public interface IAcknowledgementStore
{
    /// <summary>The council's current acknowledgements by finding key (lapsed ones included: the sweep says they lapsed).</summary>
    Task<IReadOnlyDictionary<string, Acknowledgement>> ReadCurrentAsync(string council, CancellationToken cancellationToken = default);

    /// <summary>The finding's current acknowledgement, or null when nobody has said it is in hand.</summary>
    Task<Acknowledgement?> ReadAsync(string council, string findingKey, CancellationToken cancellationToken = default);

    /// <summary>When anyone first said the finding is in hand (from the audit, withdrawals notwithstanding), or null when nobody has.</summary>
    Task<Instant?> FirstAcknowledgedAsync(string council, string findingKey, CancellationToken cancellationToken = default);

    /// <summary>Records an acknowledgement, replacing the finding's current one, with its audit record.</summary>
    Task RecordAsync(string council, Acknowledgement acknowledgement, CancellationToken cancellationToken = default);

    /// <summary>Withdraws the finding's current acknowledgement, with an audit record; false when there was none.</summary>
    Task<bool> WithdrawAsync(string council, string findingKey, string byStaffId, Instant at, CancellationToken cancellationToken = default);

    /// <summary>One finding's audit records, oldest first: its history as the item's page shows it.</summary>
    Task<IReadOnlyList<AcknowledgementAudit>> ReadHistoryAsync(string council, string findingKey, CancellationToken cancellationToken = default);

    /// <summary>Every audit record of the council, oldest first.</summary>
    Task<IReadOnlyList<AcknowledgementAudit>> ReadHistoryAsync(string council, CancellationToken cancellationToken = default);
}

/// <summary>One audit record: an acknowledgement recorded, or withdrawn by <see cref="ByStaffId"/> at <see cref="At"/>.</summary>
/// <param name="Acknowledgement">What was (or had been) acknowledged.</param>
/// <param name="Withdrawn">True for a withdrawal ("no longer in hand").</param>
/// <param name="ByStaffId">Who did it.</param>
/// <param name="At">When.</param>
public sealed record AcknowledgementAudit(Acknowledgement Acknowledgement, bool Withdrawn, string ByStaffId, Instant At);
