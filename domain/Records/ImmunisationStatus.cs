namespace CpAlerts.Domain.Records;

/// <summary>Whether the child's immunisations are up to date, as the council knows it (optional <c>immunisations</c> in children.csv).</summary>
public enum ImmunisationStatus
{
    /// <summary>Up to date for the child's age.</summary>
    UpToDate,

    /// <summary>Some are missing or late.</summary>
    NotUpToDate,

    /// <summary>The council does not know (for example, no records came with the child).</summary>
    NotKnown,
}
