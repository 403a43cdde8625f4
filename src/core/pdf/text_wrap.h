// Internal to the PDF writer: text made safe for the embedded fonts, and broken into lines.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace lis::pdf {

// The width in points of one code point, in the font and size text is wrapped for.
using AdvanceFn = std::function<double(char32_t)>;

// `text` (UTF-8) as the PDF shows it: malformed sequences and code points beyond U+FFFF
// (which libharu cannot show) become U+FFFD, a tab becomes a space, CR LF and a lone CR
// become LF, and other control characters are dropped.
std::u32string CleanText(std::string_view text);

// The lines (UTF-8, cleaned as above) that `text` fills when no line may be wider than
// `width`: words (separated by spaces; runs of spaces collapse, a no-break space does not
// separate) are filled greedily; a word wider than a line is broken between code points,
// at least one code point per line. A line break in `text` always breaks; a blank line is
// kept as an empty line, trailing line breaks are not. Text that is empty or only spaces
// gives no lines.
std::vector<std::string> WrapText(std::string_view text, double width, const AdvanceFn& advance);

}  // namespace lis::pdf
