# Assembles a chart (assemble_chart.cmake) and runs chartcheck on it.
# Without EXPECT the run must succeed with zero findings; with EXPECT it must
# exit 1 and print a line matching each regular expression of the list.
#
#   cmake -DCHARTCHECK=<tool> -DCHART=... -DTEMPLATES=... -DTEMPLATE_TESTS=... -DOUT=...
#         [-DSUBCHARTS=...] [-DEXPECT=<regex>;...] -P check_chart.cmake

include(${CMAKE_CURRENT_LIST_DIR}/assemble_chart.cmake)
execute_process(COMMAND ${CHARTCHECK} ${OUT}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
if(NOT EXPECT)
  if(NOT rc EQUAL 0 OR NOT out MATCHES "\n?chartcheck: [0-9]+ charts, [0-9]+ values sets, [1-9][0-9]* manifests, 0 findings")
    message(FATAL_ERROR "chartcheck: exit ${rc}, expected 0 with zero findings")
  endif()
  return()
endif()
if(NOT rc EQUAL 1)
  message(FATAL_ERROR "chartcheck: exit ${rc}, expected 1 (findings)")
endif()
foreach(pattern IN LISTS EXPECT)
  if(NOT out MATCHES "${pattern}")
    message(FATAL_ERROR "chartcheck's output has no line matching: ${pattern}")
  endif()
endforeach()
