# Assembles a chart as keelson's generator lays one out, from a chart's data
# (Chart.yaml, values files, optional extra templates/ or tests/; copied over
# the files of BASE when it is given) and the repository's templates/:
#   a workload chart gets templates/workload/* in templates/, KEELSON_CHART
#   replaced by its name, and the templates' own helm-unittest suites
#   (tests/data/template-tests) in tests/;
#   an umbrella chart (SUBCHARTS set) gets templates/umbrella/NOTES.txt and
#   each subchart, assembled the same way, in charts/<name>/.
#
#   cmake -DCHART=<data dir> -DTEMPLATES=<repo>/templates
#         -DTEMPLATE_TESTS=<repo>/tests/data/template-tests -DOUT=<dir>
#         [-DBASE=<data dir>] [-DSUBCHARTS=<data dir>;...] -P assemble_chart.cmake

function(chart_name dir out)
  file(STRINGS ${dir}/Chart.yaml lines REGEX "^name:")
  if(NOT lines MATCHES "^name:[ ]*\"?([^\"]+)\"?[ ]*$")
    message(FATAL_ERROR "${dir}/Chart.yaml has no name")
  endif()
  set(${out} ${CMAKE_MATCH_1} PARENT_SCOPE)
endfunction()

# Copies every file below `from` to `to`. Not file(COPY): it skips a file
# whose copy has the same timestamp, and a fresh checkout gives the base
# chart and the one over it the same timestamps.
function(copy_tree from to)
  file(GLOB_RECURSE files RELATIVE ${from} ${from}/*)
  foreach(file IN LISTS files)
    get_filename_component(dir ${to}/${file} DIRECTORY)
    file(MAKE_DIRECTORY ${dir})
    file(COPY_FILE ${from}/${file} ${to}/${file})
  endforeach()
endfunction()

function(assemble_workload data out)
  chart_name(${data} name)
  if(BASE)
    copy_tree(${BASE} ${out})
  endif()
  copy_tree(${data} ${out})
  file(GLOB templates LIST_DIRECTORIES false ${TEMPLATES}/workload/*)
  foreach(template IN LISTS templates)
    get_filename_component(file ${template} NAME)
    file(READ ${template} text)
    string(REPLACE "KEELSON_CHART" "${name}" text "${text}")
    file(WRITE ${out}/templates/${file} "${text}")
  endforeach()
  file(GLOB tests ${TEMPLATE_TESTS}/*_test.yaml)
  file(COPY ${tests} DESTINATION ${out}/tests)
endfunction()

foreach(var CHART TEMPLATES TEMPLATE_TESTS OUT)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "assemble_chart.cmake needs -D${var}=...")
  endif()
endforeach()
file(REMOVE_RECURSE ${OUT})
if(SUBCHARTS)
  copy_tree(${CHART} ${OUT})
  file(COPY ${TEMPLATES}/umbrella/NOTES.txt DESTINATION ${OUT}/templates)
  foreach(subchart IN LISTS SUBCHARTS)
    chart_name(${subchart} name)
    unset(BASE)
    assemble_workload(${subchart} ${OUT}/charts/${name})
  endforeach()
else()
  assemble_workload(${CHART} ${OUT})
endif()
