namespace CpAlerts.Tool.Cli;

/// <summary>What the program prints for a person: control characters from an export (an escape sequence in an id) never reach the terminal.</summary>
public static class TerminalText
{
    public static string Clean(string text) =>
        text.Any(IsUnsafe) ? string.Concat(text.Select(c => IsUnsafe(c) ? '\uFFFD' : c)) : text;

    // Line breaks the program itself writes are fine; everything else in the control ranges is not.
    private static bool IsUnsafe(char c) => char.IsControl(c) && c is not ('\n' or '\t');
}
