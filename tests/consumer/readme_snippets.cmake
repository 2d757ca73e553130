# Builds the README's "using keelson from your own CMake project" examples
# exactly as printed: every fenced block preceded by `<!-- file: DIR/PATH ... -->`
# is written to WORK_DIR/DIR/PATH. Then:
#   subdirectory/  gets keelson's sources as keelson/ and is configured with add_subdirectory;
#   installed/     is built with find_package against keelson installed from BUILD_DIR,
# and the installed program is run as the README says (synth, validate).
file(REMOVE_RECURSE ${WORK_DIR})
file(STRINGS ${README} lines)
set(targets "")
set(in_block OFF)
foreach(line IN LISTS lines)
  if(in_block)
    if(line MATCHES "^```")
      foreach(target IN LISTS targets)
        file(WRITE ${WORK_DIR}/${target} "${content}")
      endforeach()
      set(in_block OFF)
      set(targets "")
    else()
      string(APPEND content "${line}\n")
    endif()
  elseif(line MATCHES "^<!-- file: (.*) -->$")
    string(REPLACE " " ";" targets "${CMAKE_MATCH_1}")
  elseif(targets AND line MATCHES "^```")
    set(in_block ON)
    set(content "")
  endif()
endforeach()
foreach(required subdirectory/CMakeLists.txt subdirectory/main.cpp installed/CMakeLists.txt
                 installed/main.cpp installed/environments/prod.yaml)
  if(NOT EXISTS ${WORK_DIR}/${required})
    message(FATAL_ERROR "README.md has no block marked for ${required}")
  endif()
endforeach()

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(rc)
    message(FATAL_ERROR "failed (${rc}): ${ARGN}\n${out}\n${err}")
  endif()
  set(out "${out}" PARENT_SCOPE)
endfunction()

set(compilers -DCMAKE_CXX_COMPILER=${CXX_COMPILER} -DCMAKE_BUILD_TYPE=Release)

# As a subdirectory: configured and generated, which resolves
# keelson::keelson (a name with `::` must be a target) and shows that keelson
# adds its library and nothing else. Compiling it would repeat the main build
# (minutes on 2 cores); the installed library below is compiled and run.
file(CREATE_LINK ${KEELSON_SOURCE_DIR} ${WORK_DIR}/subdirectory/keelson SYMBOLIC)
run(${CMAKE_COMMAND} -S ${WORK_DIR}/subdirectory -B ${WORK_DIR}/subdirectory/build ${compilers})
run(${CMAKE_COMMAND} --build ${WORK_DIR}/subdirectory/build --target help)
if(NOT out MATCHES "infra" OR NOT out MATCHES "keelson")
  message(FATAL_ERROR "subdirectory: no infra or keelson target:\n${out}")
endif()
if(out MATCHES "keelson_tests|keelson_bench|chartcheck|tofu_build|minimal")
  message(FATAL_ERROR "subdirectory: keelson added more than its library:\n${out}")
endif()

# Installed, then found with find_package.
run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${WORK_DIR}/prefix)
run(${CMAKE_COMMAND} -S ${WORK_DIR}/installed -B ${WORK_DIR}/installed/build ${compilers}
    -DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix "-DCMAKE_EXE_LINKER_FLAGS=${LINK_FLAGS}")
run(${CMAKE_COMMAND} --build ${WORK_DIR}/installed/build)
run(${WORK_DIR}/installed/build/infra synth --env prod)
# environments/ and generated/ live beside the source file that builds the App.
if(NOT EXISTS ${WORK_DIR}/installed/generated/terraform/environments/prod/terraform.tfvars.json)
  message(FATAL_ERROR "installed: synth did not write generated/ beside main.cpp:\n${out}")
endif()
run(${WORK_DIR}/installed/build/infra validate --env prod)
if(NOT out MATCHES "^0 error\\(s\\), 0 warning\\(s\\)")
  message(FATAL_ERROR "installed: validate found problems:\n${out}")
endif()
file(REMOVE_RECURSE ${WORK_DIR})
