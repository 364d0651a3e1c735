using System.Text;

namespace CpAlerts.Adapters.Storage;

/// <summary>
/// Partition and row keys. Table Storage forbids / \ # ? and control characters in keys, and ids come
/// from councils' exports, so every id is escaped (percent-style) before it becomes part of a key.
/// </summary>
public static class TableKeys
{
    public const char Separator = '|';

    public static string Escape(string id)
    {
        var text = new StringBuilder(id.Length);
        foreach (var c in id)
        {
            if (c is '/' or '\\' or '#' or '?' or '%' or Separator || char.IsControl(c))
            {
                text.Append('%').Append(((int)c).ToString("X4"));
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }

    public static string Unescape(string key)
    {
        var text = new StringBuilder(key.Length);
        for (var i = 0; i < key.Length; i++)
        {
            if (key[i] == '%' && i + 4 < key.Length)
            {
                text.Append((char)Convert.ToInt32(key.Substring(i + 1, 4), 16));
                i += 4;
            }
            else
            {
                text.Append(key[i]);
            }
        }

        return text.ToString();
    }

    public static string Join(params string[] parts) => string.Join(Separator, parts.Select(Escape));
}
