{{/*
Named templates of this chart.

Named templates are global in Helm: an umbrella chart and all its subcharts
share one namespace of template names. So every helper here is prefixed with
this chart's own name, "finops-web." (keelson's generator writes the
chart's name where its template source has a placeholder).
*/}}

{{/*
The name of the application: nameOverride, else the chart's name. Inside an
umbrella chart a subchart's .Chart.Name is its alias, the camelCase of its
name (teamsBot for teams-bot); object names must be lowercase, so camelCase
is turned back into kebab-case (a name that is already kebab-case stays).
*/}}
{{- define "finops-web.name" -}}
{{- $name := default .Chart.Name .Values.nameOverride | toString -}}
{{- regexReplaceAll "([a-z0-9])([A-Z])" $name "${1}-${2}" | lower | trunc 63 | trimSuffix "-" -}}
{{- end }}

{{/*
The full name of the objects: fullnameOverride, else the release name and the
application name, once only if the release name already contains it. At most
63 characters, as a Service name (a DNS label) must be.
*/}}
{{- define "finops-web.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | toString | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := include "finops-web.name" . -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end }}

{{/*
Chart name and version, for the helm.sh/chart label.
*/}}
{{- define "finops-web.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end }}

{{/*
Labels of every object.
*/}}
{{- define "finops-web.labels" -}}
helm.sh/chart: {{ include "finops-web.chart" . | quote }}
{{ include "finops-web.selectorLabels" . }}
{{- with .Chart.AppVersion }}
app.kubernetes.io/version: {{ . | toString | replace "+" "_" | trunc 63 | trimSuffix "-" | quote }}
{{- end }}
app.kubernetes.io/managed-by: {{ .Release.Service | quote }}
{{- end }}

{{/*
Labels that select the pods. They never change for a release: a Deployment's
selector is immutable.
*/}}
{{- define "finops-web.selectorLabels" -}}
app.kubernetes.io/name: {{ include "finops-web.name" . | quote }}
app.kubernetes.io/instance: {{ .Release.Name | quote }}
{{- end }}

{{/*
Labels of the pods: podLabels, then the labels of every object, which win so
that a pod label can never break the selector.
*/}}
{{- define "finops-web.podLabels" -}}
{{- $labels := include "finops-web.labels" . | fromYaml -}}
{{- range $key, $value := .Values.podLabels -}}
{{- if not (hasKey $labels $key) -}}
{{- $_ := set $labels $key ($value | toString) -}}
{{- end -}}
{{- end -}}
{{- toYaml $labels -}}
{{- end }}

{{/*
The service account the pods run as.
*/}}
{{- define "finops-web.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "finops-web.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end }}

{{/*
The container image: repository@digest when a digest is set (it pins the exact
image, so it wins over the tag), else repository:tag, the tag defaulting to the
chart's appVersion.
*/}}
{{- define "finops-web.image" -}}
{{- $repository := required "image.repository is required" .Values.image.repository -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" $repository .Values.image.digest -}}
{{- else -}}
{{- $tag := .Values.image.tag | default .Chart.AppVersion | toString -}}
{{- printf "%s:%s" $repository (required "image.tag is required when the chart has no appVersion" $tag) -}}
{{- end -}}
{{- end }}

{{/*
An int-or-string value (a port, a PodDisruptionBudget bound): a string is
quoted, anything else written as an integer.
*/}}
{{- define "finops-web.intOrString" -}}
{{- if kindIs "string" . -}}
{{- . | quote -}}
{{- else -}}
{{- . | int64 -}}
{{- end -}}
{{- end }}

{{/*
Fails unless the service exposes a port of the given name; the Ingress and the
TargetGroupBinding refer to service ports by name, and a misspelled one would
send traffic nowhere without any error from the API server.
Called with (list $ "port-name" "what refers to it").
*/}}
{{- define "finops-web.requireServicePort" -}}
{{- $root := index . 0 -}}
{{- $port := index . 1 -}}
{{- $user := index . 2 -}}
{{- if not $root.Values.service.enabled -}}
{{- fail (printf "%s refers to the service, but service.enabled is false" $user) -}}
{{- end -}}
{{- $found := false -}}
{{- range $root.Values.service.ports -}}
{{- if eq (toString .name) (toString $port) -}}
{{- $found = true -}}
{{- end -}}
{{- end -}}
{{- if not $found -}}
{{- fail (printf "%s refers to service port %q, which service.ports does not name" $user (toString $port)) -}}
{{- end -}}
{{- end }}

{{/*
The pod's security context: the values', or when they have none, the secure
default (non-root, the runtime's default seccomp profile).
*/}}
{{- define "finops-web.podSecurityContext" -}}
{{- $default := dict "runAsNonRoot" true "seccompProfile" (dict "type" "RuntimeDefault") -}}
{{- toYaml (.Values.podSecurityContext | default $default) -}}
{{- end }}

{{/*
The container's security context: the values', or when they have none, the
secure default (no privilege escalation, read-only root file system, no
capabilities, non-root).
*/}}
{{- define "finops-web.securityContext" -}}
{{- $default := dict "allowPrivilegeEscalation" false "readOnlyRootFilesystem" true "capabilities" (dict "drop" (list "ALL")) "runAsNonRoot" true -}}
{{- toYaml (.Values.securityContext | default $default) -}}
{{- end }}
