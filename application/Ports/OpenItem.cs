using CpAlerts.Domain.Acknowledgements;
using CpAlerts.Domain.Rules;

namespace CpAlerts.Application.Ports;

/// <summary>
/// One open item as the team view lists it: the finding as the council's latest daily sweep evaluated it (the same
/// evaluation its emails were made from), the child's social worker then, and who has said it is in hand.
/// </summary>
/// <param name="Finding">What is due, when, how late (its audiences are not kept: the page does not need them).</param>
/// <param name="SocialWorkerId">The child's social worker when the sweep ran; null when none was allocated.</param>
/// <param name="FirstName">The child's first name as recorded (the page shows initials unless the council allows names).</param>
/// <param name="LastName">The child's last name as recorded.</param>
public sealed record OpenItem(Finding Finding, string? SocialWorkerId, string? FirstName, string? LastName)
{
    /// <summary>The finding's current acknowledgement (lapsed included, so the page can say it lapsed), or null.</summary>
    public Acknowledgement? InHand { get; init; }

    /// <summary>The name of whoever said it is in hand, as the staff records had it then (null when nobody has).</summary>
    public string? InHandBy { get; init; }
}
