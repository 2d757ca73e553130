# Fails when the committed docs of an example differ from a fresh `docs` run:
# every page and the DOT file byte for byte, and no page missing or extra.
# architecture.svg is left out: its bytes depend on the Graphviz version and
# fonts (docs_architecture_svg_renders checks the rendering).
# -DPROGRAM=<example program> -DCOMMITTED=<its generated/docs> -DWORK=<scratch dir>
file(REMOVE_RECURSE "${WORK}")
execute_process(COMMAND "${PROGRAM}" docs --out "${WORK}" RESULT_VARIABLE rc
                OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "docs failed (${rc}): ${err}")
endif()
file(GLOB_RECURSE fresh RELATIVE "${WORK}" "${WORK}/*.md" "${WORK}/*.dot")
file(GLOB_RECURSE committed RELATIVE "${COMMITTED}" "${COMMITTED}/*.md" "${COMMITTED}/*.dot")
list(SORT fresh)
list(SORT committed)
if(NOT fresh STREQUAL committed)
  message(FATAL_ERROR "pages differ:\n  committed: ${committed}\n  fresh: ${fresh}\n"
                      "run `<example> docs` and commit generated/docs/")
endif()
foreach(page IN LISTS fresh)
  execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files "${WORK}/${page}" "${COMMITTED}/${page}"
                  RESULT_VARIABLE differs)
  if(differs)
    message(FATAL_ERROR "${page} is stale: run `<example> docs` and commit generated/docs/")
  endif()
endforeach()
list(LENGTH fresh count)
message(STATUS "${count} page(s) current")
