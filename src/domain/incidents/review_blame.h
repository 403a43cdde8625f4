// "Nothing that blames a person" (issue 6, item 4): a closing review describes what happened
// and what to improve, not who is to blame. The rule LIS can check is that a review names no
// user of the system: pure text matching, no I/O.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lis::domain {

// The first of `names` that occurs in `text` as a whole word or phrase, ignoring case (ASCII
// and the Latin-1 letters: Å å, Ä ä, Ö ö, É é …), or nothing. A match must not touch a letter
// or digit on either side ("Anna" is not found in "Annas" nor in "Hanna"; it is in "Anna,").
// Names shorter than two characters are ignored.
std::optional<std::string> FirstNamedPerson(std::string_view text,
                                            const std::vector<std::string>& names);

// Whether a username reads like an identifier rather than a word: it holds a character that is
// not a letter (a dot, digit, hyphen or underscore: "anna.svensson", "ansv01"). Usernames that
// are plain words ("ciso", "teknisk") are not checked against review texts, since they occur
// in ordinary writing; display names always are.
bool UsernameIsIdentifier(std::string_view username);

}  // namespace lis::domain
