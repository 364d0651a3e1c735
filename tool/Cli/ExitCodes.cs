namespace CpAlerts.Tool.Cli;

public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>
    /// The work was done with everything valid, but something was left undone and needs a person: rows
    /// rejected, an export file missing, a removal held back, messages dead-lettered, nothing to remove.
    /// </summary>
    public const int Incomplete = 1;

    /// <summary>Nothing could be done: bad arguments, a missing folder, a wrong setting.</summary>
    public const int Failed = 2;
}
