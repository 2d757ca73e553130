# Writes OUTPUT, a C++ file holding every file under TEMPLATES_DIR (a chart's
# Go templates, helm-unittest suites) as a raw string literal, so a
# synthesizer needs no files at run time. Run with `cmake -P`.
file(GLOB_RECURSE files RELATIVE "${TEMPLATES_DIR}" "${TEMPLATES_DIR}/*")
list(SORT files)
set(body "// Generated from templates/ by cmake/EmbedTemplates.cmake: do not edit.\n")
string(APPEND body "#include \"generators/chart_templates.h\"\n\nnamespace keelson {\n\n")
string(APPEND body "const std::vector<TemplateFile>& chart_templates() {\n")
string(APPEND body "  static const std::vector<TemplateFile> files = {\n")
foreach(file IN LISTS files)
  file(READ "${TEMPLATES_DIR}/${file}" text)
  string(FIND "${text}" ")keelson\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "templates/${file} contains the raw-string delimiter )keelson\"")
  endif()
  string(APPEND body "      {\"${file}\", R\"keelson(${text})keelson\"},\n")
endforeach()
string(APPEND body "  };\n  return files;\n}\n\n}  // namespace keelson\n")
# Rewritten only when it changes, so an unrelated build does not recompile it.
file(WRITE "${OUTPUT}.new" "${body}")
file(COPY_FILE "${OUTPUT}.new" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.new")
