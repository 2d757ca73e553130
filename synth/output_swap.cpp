#include "synth/output_swap.h"

#include <fstream>
#include <sstream>

#include "synth/output_errors.h"

namespace keelson {
namespace {

namespace fs = std::filesystem;

constexpr const char* kStaging = ".keelson-staging";
constexpr const char* kPrevious = ".keelson-previous";
constexpr const char* kTrash = ".keelson-trash";
constexpr const char* kJournal = "journal";
constexpr const char* kJournalDraft = "journal.tmp";
constexpr const char* kJournalHeader =
    "# A keelson swap in progress; the next keelson run puts the parked entries back.\n";

bool present(const fs::path& path) { return fs::exists(fs::symlink_status(path)); }

void write_file(const fs::path& path, const std::string& content) {
  fs::create_directories(path.parent_path());
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file.write(content.data(), static_cast<std::streamsize>(content.size()));
  file.close();
  if (!file) {
    throw fs::filesystem_error("cannot write", path, std::make_error_code(std::errc::io_error));
  }
}

// One line of the journal: the entry, and whether it existed before the swap
// (if it did not, whatever is there now was renamed in and goes away).
struct JournalEntry {
  bool existed;
  std::string path;
};

std::vector<JournalEntry> read_journal(const fs::path& out) {
  const fs::path file = out / kPrevious / kJournal;
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error(errors::unjournaled_previous(out / kPrevious));
  std::vector<JournalEntry> entries;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const auto space = line.find(' ');
    const std::string state = line.substr(0, space);
    if (space == std::string::npos || (state != "existed" && state != "absent")) {
      throw Error(errors::unjournaled_previous(out / kPrevious));
    }
    entries.push_back({state == "existed", line.substr(space + 1)});
  }
  return entries;
}

// Removes `dir` by renaming it to the trash first: a crash while deleting
// then leaves only the trash, which is always safe to delete.
void discard(const fs::path& out, const fs::path& dir) {
  if (!present(dir)) return;
  fs::rename(dir, out / kTrash);
  fs::remove_all(out / kTrash);
}

// Puts every parked entry back, last first. Idempotent, so a crash during a
// rollback is rolled back again by the next run.
void roll_back(const fs::path& out) {
  const fs::path previous = out / kPrevious;
  const auto entries = read_journal(out);
  for (std::size_t i = entries.size(); i-- > 0;) {
    const fs::path target = out / entries[i].path;
    const fs::path parked = previous / std::to_string(i);
    if (present(parked)) {
      fs::remove_all(target);
      fs::create_directories(target.parent_path());
      fs::rename(parked, target);
    } else if (!entries[i].existed) {
      fs::remove_all(target);
    }
  }
  fs::remove_all(out / kTrash);
  discard(out, previous);
  fs::remove_all(out / kStaging);
}

}  // namespace

FileOps FileOps::real() {
  return {write_file, [](const fs::path& from, const fs::path& to) { fs::rename(from, to); }};
}

fs::path staging_directory(const fs::path& out) { return out / kStaging; }

void swap_in(const fs::path& out, const std::vector<std::string>& entries, const FileOps& ops) {
  const fs::path previous = out / kPrevious;
  const fs::path staging = out / kStaging;
  std::vector<bool> existed;
  std::string journal = kJournalHeader;
  for (const auto& entry : entries) {
    existed.push_back(present(out / entry));
    journal += (existed.back() ? "existed " : "absent ") + entry + "\n";
  }
  // The journal is complete once renamed into place; until then nothing has
  // moved, and recover_output() deletes the draft.
  try {
    fs::create_directory(previous);
    ops.write(previous / kJournalDraft, journal);
    ops.rename(previous / kJournalDraft, previous / kJournal);
  } catch (...) {
    std::error_code ignored;
    fs::remove_all(previous, ignored);
    fs::remove_all(staging, ignored);
    throw;
  }
  try {
    for (std::size_t i = 0; i < entries.size(); ++i) {
      const fs::path target = out / entries[i];
      if (existed[i]) ops.rename(target, previous / std::to_string(i));
      if (present(staging / entries[i])) {
        fs::create_directories(target.parent_path());
        ops.rename(staging / entries[i], target);
      }
    }
    ops.rename(previous, out / kTrash);  // the commit point
  } catch (...) {
    // A failed rollback leaves the journal, and the next run finishes it.
    try {
      roll_back(out);
    } catch (...) {
    }
    throw;
  }
  std::error_code ignored;
  fs::remove_all(out / kTrash, ignored);
  fs::remove_all(staging, ignored);
}

void recover_output(const fs::path& out) {
  const fs::path previous = out / kPrevious;
  fs::remove_all(out / kTrash);
  if (present(previous)) {
    if (present(previous / kJournal)) {
      roll_back(out);
      return;
    }
    for (const auto& entry : fs::directory_iterator(previous)) {
      if (entry.path().filename() != kJournalDraft) {
        throw Error(errors::unjournaled_previous(previous));
      }
    }
    fs::remove_all(previous);
  }
  fs::remove_all(out / kStaging);
}

}  // namespace keelson
