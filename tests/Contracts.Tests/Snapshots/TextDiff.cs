using System.Text;

namespace WeeEvents.Contracts.Compatibility;

/// <summary>A line diff of two small texts (a schema file), in the unified style a reviewer knows: '-' committed, '+' now.</summary>
internal static class TextDiff
{
    private const int Context = 2;

    /// <summary>The changed lines of <paramref name="before"/> and <paramref name="after"/>, with two lines of context.</summary>
    public static string Unified(string before, string after)
    {
        var a = before.ReplaceLineEndings("\n").Split('\n');
        var b = after.ReplaceLineEndings("\n").Split('\n');

        // Longest common subsequence, then a walk that emits kept, removed and added lines in order.
        var lengths = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lengths[i, j] = a[i] == b[j] ? lengths[i + 1, j + 1] + 1 : Math.Max(lengths[i + 1, j], lengths[i, j + 1]);
            }
        }

        var lines = new List<(char Mark, string Text)>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                lines.Add((' ', a[x++]));
                y++;
            }
            else if (x < a.Length && (y == b.Length || lengths[x + 1, y] >= lengths[x, y + 1]))
            {
                lines.Add(('-', a[x++]));
            }
            else
            {
                lines.Add(('+', b[y++]));
            }
        }

        var shown = new StringBuilder();
        var lastShown = -1;
        for (var k = 0; k < lines.Count; k++)
        {
            var nearChange = Enumerable.Range(Math.Max(0, k - Context), Math.Min(lines.Count, k + Context + 1) - Math.Max(0, k - Context))
                .Any(n => lines[n].Mark != ' ');
            if (!nearChange)
            {
                continue;
            }

            if (lastShown >= 0 && k > lastShown + 1)
            {
                shown.AppendLine("  …");
            }

            shown.Append(lines[k].Mark).Append(' ').AppendLine(lines[k].Text);
            lastShown = k;
        }

        return shown.ToString();
    }
}
