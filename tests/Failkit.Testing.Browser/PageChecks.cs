using System.Text.Json.Serialization;
using Microsoft.Playwright;
using Xunit;

namespace Failkit.Testing.Browser;

/// <summary>Accessibility and layout checks run inside the page with a few lines of our own JavaScript (axe-core is not
/// installed): WCAG AA text contrast, an accessible name on every form field, and no horizontal scrolling.</summary>
public static class PageChecks
{
    // Text colour over the effective background: the element's and its ancestors' backgrounds composited bottom-up
    // over the white canvas, text alpha and element opacity included. Disabled controls are exempt (WCAG 1.4.3).
    private const string ContrastScript = """
        () => {
          const parse = c => {
            const m = /rgba?\(([^)]*)\)/.exec(c);
            if (!m) return null;
            const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
            return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
          };
          const over = (top, bottom) => {
            const a = top.a + bottom.a * (1 - top.a);
            if (a === 0) return { r: 0, g: 0, b: 0, a: 0 };
            const mix = k => (top[k] * top.a + bottom[k] * bottom.a * (1 - top.a)) / a;
            return { r: mix('r'), g: mix('g'), b: mix('b'), a };
          };
          const lum = c => {
            const ch = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
            return 0.2126 * ch(c.r) + 0.7152 * ch(c.g) + 0.0722 * ch(c.b);
          };
          const hex = c => '#' + [c.r, c.g, c.b].map(v => Math.round(v).toString(16).padStart(2, '0')).join('');
          const describe = el => {
            const parts = [];
            for (let e = el; e && e !== document.body && parts.length < 3; e = e.parentElement) {
              const test = e.getAttribute('data-test');
              const cls = [...e.classList].filter(k => k.startsWith('mud-') && !k.includes('ripple')).slice(0, 2).join('.');
              parts.unshift(e.tagName.toLowerCase() + (test ? `[data-test=${test}]` : '') + (cls ? '.' + cls : ''));
            }
            return parts.join(' > ');
          };
          const disabled = el => el.closest(':disabled, [aria-disabled=true], .mud-disabled, .mud-button-disabled') !== null;
          const found = new Map();
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const text = node.textContent.trim();
            const el = node.parentElement;
            if (!text || !el || el.closest('script, style, noscript, [hidden], [aria-hidden=true]') || disabled(el)) continue;
            const style = getComputedStyle(el);
            const rect = el.getBoundingClientRect();
            if (style.visibility !== 'visible' || rect.width <= 1 || rect.height <= 1) continue;
            let opacity = 1;
            const layers = [];
            let image = false;
            for (let e = el; e; e = e.parentElement) {
              const s = getComputedStyle(e);
              opacity *= Number(s.opacity);
              if (s.backgroundImage !== 'none') image = true;
              const bg = parse(s.backgroundColor);
              if (bg && bg.a > 0) { layers.push(bg); if (bg.a >= 1) break; }
            }
            if (image || opacity === 0) continue;
            let background = { r: 255, g: 255, b: 255, a: 1 };
            for (const layer of layers.reverse()) background = over(layer, background);
            const fg = parse(style.color);
            if (!fg) continue;
            const color = over({ ...fg, a: fg.a * opacity }, background);
            const [hi, lo] = [lum(color), lum(background)].sort((x, y) => y - x);
            const ratio = (hi + 0.05) / (lo + 0.05);
            const size = parseFloat(style.fontSize);
            const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
            const needed = large ? 3 : 4.5;
            if (ratio >= needed) continue;
            const key = describe(el) + hex(color) + hex(background);
            if (found.has(key)) continue;
            found.set(key, { selector: describe(el), text: text.slice(0, 40), color: hex(color), background: hex(background),
              ratio: Math.round(ratio * 100) / 100, needed });
          }
          return [...found.values()];
        }
        """;

    // A field's name comes from aria-label, aria-labelledby or a <label>; a placeholder is not a label.
    private const string UnlabelledScript = """
        () => {
          const named = el => {
            if ((el.getAttribute('aria-label') || '').trim()) return true;
            const ids = (el.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean);
            if (ids.some(id => (document.getElementById(id)?.textContent || '').trim())) return true;
            return [...(el.labels || [])].some(l => l.textContent.trim());
          };
          return [...document.querySelectorAll('input, select, textarea')]
            .filter(el => el.type !== 'hidden' && !el.closest('[hidden]') && !named(el))
            .map(el => {
              const field = el.closest('[data-test]');
              return `${el.tagName.toLowerCase()}[type=${el.type}]` + (el.id ? `#${el.id}` : '')
                + (field ? ` in [data-test=${field.getAttribute('data-test')}]` : '') + ` (${el.outerHTML.slice(0, 120)})`;
            });
        }
        """;

    /// <summary>Every visible text below WCAG AA contrast: 4.5:1, or 3:1 for large text (24px, or 18.66px bold).</summary>
    public static async Task<IReadOnlyList<ContrastViolation>> ContrastViolationsAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return await page.EvaluateAsync<ContrastViolation[]>(ContrastScript) ?? [];
    }

    /// <summary>Every input, select and textarea without an accessible name (label, aria-label or aria-labelledby).</summary>
    public static async Task<IReadOnlyList<string>> UnlabelledFieldsAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return await page.EvaluateAsync<string[]>(UnlabelledScript) ?? [];
    }

    /// <summary>How far the document is wider than the window (0 when there is no horizontal scrollbar).</summary>
    public static async Task<int> HorizontalOverflowAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
    }

    /// <summary>Fails with every contrast violation and unlabelled field of the page, one a line.</summary>
    public static async Task AssertAccessibleAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        var contrast = await ContrastViolationsAsync(page);
        var unlabelled = await UnlabelledFieldsAsync(page);
        var problems = contrast.Select(v => $"contrast {v}").Concat(unlabelled.Select(f => $"no label: {f}")).ToList();
        Assert.True(problems.Count == 0, $"{name} ({page.Url}) fails WCAG AA:\n" + string.Join("\n", problems));
    }
}

/// <summary>One text whose contrast with its background is below what WCAG AA asks.</summary>
public sealed class ContrastViolation
{
    [JsonPropertyName("selector")]
    public string Selector { get; init; } = "";

    [JsonPropertyName("text")]
    public string Text { get; init; } = "";

    [JsonPropertyName("color")]
    public string Color { get; init; } = "";

    [JsonPropertyName("background")]
    public string Background { get; init; } = "";

    [JsonPropertyName("ratio")]
    public double Ratio { get; init; }

    [JsonPropertyName("needed")]
    public double Needed { get; init; }

    public override string ToString() => $"{Ratio}:1 < {Needed}:1  {Color} on {Background}  \"{Text}\"  at {Selector}";
}
