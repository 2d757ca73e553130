# Every mistake in a user's declaration ends the program with exit code 2 and
# a diagnostic naming the construct path and the user's line, never an abort.
# PROGRAM is declaration_errors_program; its first argument picks the mistake.
function(expect mistake pattern)
  execute_process(COMMAND ${PROGRAM} ${mistake} list
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 2)
    message(FATAL_ERROR "${mistake}: exit ${rc}, expected 2\n${out}\n${err}")
  endif()
  if(NOT err MATCHES "${pattern}")
    message(FATAL_ERROR "${mistake}: stderr does not match \"${pattern}\":\n${err}")
  endif()
endfunction()

set(source "declaration_errors_program\\.cpp:[0-9]+:[0-9]+: error: ")
expect(invalid-type "${source}\\[network/bad\\] invalid resource type \"AWS VPC\" \\(K1007\\)")
expect(find-child "${source}\\[network\\] no construct with id \"mian\" in \"network\" \\(K1004\\)\n  hint: did you mean \"main\"\\?")
expect(outside-stack "${source}\\[loose\\] resources must be declared inside a stack \\(K1005\\)")
expect(self-dependency "${source}\\[network/main\\] a resource cannot depend on itself \\(K1027\\)")
expect(throwing-validation "error: boom")

execute_process(COMMAND ${PROGRAM} none list RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT out MATCHES "aws_vpc.main")
  message(FATAL_ERROR "without a mistake: exit ${rc}\n${out}\n${err}")
endif()
