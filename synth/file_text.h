#ifndef KEELSON_SYNTH_FILE_TEXT_H_
#define KEELSON_SYNTH_FILE_TEXT_H_

#include <filesystem>
#include <string>

namespace keelson {

/// The bytes of the file at `path`; empty when it cannot be read (callers
/// that must tell an unreadable file apart check it first).
std::string file_text(const std::filesystem::path& path);

}  // namespace keelson

#endif  // KEELSON_SYNTH_FILE_TEXT_H_
