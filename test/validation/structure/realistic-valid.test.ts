import { parseAllDocuments } from 'yaml';
import { lintObjects } from '../../../src/validation/engine';
import type { KubeObject } from '../../../src/validation/rule';
import { STRUCTURE_RULES } from '../../../src/validation/rules/structure';

// Manifests as teams write them, using many corners of the 1.28 API: every one must pass strict decoding.
const MANIFESTS = `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: orders
  namespace: shop
  labels: {app.kubernetes.io/name: orders, app.kubernetes.io/part-of: shop}
  annotations: {deployment.kubernetes.io/revision: "4"}
spec:
  replicas: 3
  revisionHistoryLimit: 5
  progressDeadlineSeconds: 600
  minReadySeconds: 5
  selector:
    matchLabels: {app.kubernetes.io/name: orders}
  strategy:
    type: RollingUpdate
    rollingUpdate: {maxSurge: 25%, maxUnavailable: 0}
  template:
    metadata:
      labels: {app.kubernetes.io/name: orders}
      annotations: {prometheus.io/scrape: "true", prometheus.io/port: "9090"}
    spec:
      serviceAccountName: orders
      automountServiceAccountToken: false
      terminationGracePeriodSeconds: 60
      enableServiceLinks: false
      priorityClassName: high
      imagePullSecrets: [{name: registry}]
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
        fsGroup: 10001
        seccompProfile: {type: RuntimeDefault}
        sysctls: [{name: net.ipv4.tcp_keepalive_time, value: "600"}]
      affinity:
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
            - weight: 100
              podAffinityTerm:
                topologyKey: kubernetes.io/hostname
                labelSelector:
                  matchExpressions: [{key: app.kubernetes.io/name, operator: In, values: [orders]}]
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: topology.kubernetes.io/zone
          whenUnsatisfiable: ScheduleAnyway
          labelSelector: {matchLabels: {app.kubernetes.io/name: orders}}
          matchLabelKeys: [pod-template-hash]
      tolerations: [{key: dedicated, operator: Equal, value: shop, effect: NoSchedule, tolerationSeconds: 300}]
      dnsConfig: {options: [{name: ndots, value: "2"}]}
      initContainers:
        - name: migrate
          image: registry.example.com/shop/orders:2.14.1
          command: [/app/migrate]
          resources: {requests: {cpu: 100m, memory: 128Mi}}
        - name: proxy
          image: envoyproxy/envoy:v1.28.0
          restartPolicy: Always
          ports: [{name: admin, containerPort: 9901}]
      containers:
        - name: orders
          image: registry.example.com/shop/orders:2.14.1
          imagePullPolicy: IfNotPresent
          args: [--port=8080]
          workingDir: /app
          ports:
            - {name: http, containerPort: 8080, protocol: TCP}
            - {name: grpc, containerPort: 9090}
          env:
            - {name: SPRING_PROFILES_ACTIVE, value: prod}
            - name: POD_IP
              valueFrom: {fieldRef: {fieldPath: status.podIP}}
            - name: MEM_LIMIT
              valueFrom: {resourceFieldRef: {containerName: orders, resource: limits.memory, divisor: 1Mi}}
            - name: DB_PASSWORD
              valueFrom: {secretKeyRef: {name: orders-db, key: password, optional: false}}
          envFrom: [{configMapRef: {name: orders-config}}, {prefix: DB_, secretRef: {name: orders-db}}]
          resources:
            requests: {cpu: 250m, memory: 512Mi, ephemeral-storage: 1Gi}
            limits: {cpu: 2, memory: 1Gi}
          startupProbe:
            httpGet: {path: /actuator/health/liveness, port: http, scheme: HTTP, httpHeaders: [{name: X-Probe, value: startup}]}
            periodSeconds: 5
            failureThreshold: 36
          livenessProbe:
            grpc: {port: 9090, service: liveness}
            periodSeconds: 10
            timeoutSeconds: 2
            terminationGracePeriodSeconds: 30
          readinessProbe:
            httpGet: {path: /actuator/health/readiness, port: 8080}
            periodSeconds: 5
            successThreshold: 1
          lifecycle:
            postStart:
              exec: {command: [sh, -c, "date > /tmp/started"]}
            preStop:
              exec: {command: [sh, -c, "sleep 15"]}
          terminationMessagePolicy: FallbackToLogsOnError
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}
          volumeMounts:
            - {name: tmp, mountPath: /tmp}
            - {name: config, mountPath: /etc/orders, readOnly: true}
            - {name: token, mountPath: /var/run/secrets/tokens}
      volumes:
        - name: tmp
          emptyDir: {medium: Memory, sizeLimit: 64Mi}
        - name: config
          configMap: {name: orders-config, defaultMode: 0444, items: [{key: application.yaml, path: application.yaml}]}
        - name: token
          projected:
            sources:
              - serviceAccountToken: {audience: vault, expirationSeconds: 3600, path: token}
              - downwardAPI: {items: [{path: labels, fieldRef: {fieldPath: metadata.labels}}]}
---
apiVersion: v1
kind: Service
metadata: {name: orders, namespace: shop}
spec:
  type: ClusterIP
  selector: {app.kubernetes.io/name: orders}
  ipFamilyPolicy: SingleStack
  sessionAffinity: None
  ports:
    - {name: http, port: 80, targetPort: http, protocol: TCP, appProtocol: http}
    - {name: grpc, port: 9090, targetPort: 9090}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: orders, namespace: shop}
spec:
  maxUnavailable: 1
  unhealthyPodEvictionPolicy: AlwaysAllow
  selector: {matchLabels: {app.kubernetes.io/name: orders}}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: orders-min}
spec:
  minAvailable: 50%
  selector: {matchLabels: {app.kubernetes.io/name: orders}}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: orders-config, namespace: shop}
immutable: false
data:
  application.yaml: |
    server:
      port: 8080
      shutdown: graceful
    spring.lifecycle.timeout-per-shutdown-phase: 30s
  LOG_LEVEL: info
binaryData:
  logo.png: iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: orders-cleanup, namespace: shop}
spec:
  schedule: "*/15 * * * *"
  timeZone: Europe/Berlin
  concurrencyPolicy: Forbid
  startingDeadlineSeconds: 120
  successfulJobsHistoryLimit: 3
  failedJobsHistoryLimit: 1
  suspend: false
  jobTemplate:
    spec:
      backoffLimit: 2
      activeDeadlineSeconds: 900
      ttlSecondsAfterFinished: 3600
      podFailurePolicy:
        rules:
          - action: FailJob
            onExitCodes: {containerName: cleanup, operator: In, values: [42]}
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: cleanup
              image: registry.example.com/shop/orders:2.14.1
              command: [/app/cleanup, --older-than=720h]
              resources: {requests: {cpu: 50m, memory: 64Mi}, limits: {memory: 128Mi}}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: orders}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: orders}
  minReplicas: 3
  maxReplicas: 12
  metrics:
    - type: Resource
      resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}
  behavior:
    scaleDown: {stabilizationWindowSeconds: 300, policies: [{type: Percent, value: 50, periodSeconds: 60}]}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: orders, annotations: {nginx.ingress.kubernetes.io/proxy-body-size: 8m}}
spec:
  ingressClassName: nginx
  tls: [{hosts: [orders.example.com], secretName: orders-tls}]
  rules:
    - host: orders.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend: {service: {name: orders, port: {name: http}}}
---
apiVersion: v1
kind: Secret
metadata: {name: orders-db}
type: Opaque
data: {username: b3JkZXJz}
stringData: {password: "s3cr3t with spaces"}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: cache}
spec:
  serviceName: cache
  replicas: 3
  podManagementPolicy: Parallel
  persistentVolumeClaimRetentionPolicy: {whenDeleted: Delete, whenScaled: Retain}
  selector: {matchLabels: {app: cache}}
  updateStrategy: {type: RollingUpdate, rollingUpdate: {partition: 0, maxUnavailable: 1}}
  template:
    metadata: {labels: {app: cache}}
    spec:
      containers:
        - name: redis
          image: redis:7.2
          ports: [{name: redis, containerPort: 6379}]
          readinessProbe: {exec: {command: [redis-cli, ping]}, periodSeconds: 5}
          livenessProbe: {tcpSocket: {port: redis}, initialDelaySeconds: 10}
          volumeMounts: [{name: data, mountPath: /data}]
  volumeClaimTemplates:
    - metadata: {name: data}
      spec:
        accessModes: [ReadWriteOnce]
        storageClassName: fast
        resources: {requests: {storage: 10Gi}}
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  scope: Namespaced
  names: {plural: widgets, singular: widget, kind: Widget, shortNames: [wg]}
  versions:
    - name: v1
      served: true
      storage: true
      subresources: {status: {}, scale: {specReplicasPath: .spec.replicas, statusReplicasPath: .status.replicas}}
      additionalPrinterColumns: [{name: Size, type: integer, jsonPath: .spec.size}]
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              required: [size]
              x-kubernetes-validations: [{rule: "self.size >= 0", message: size must be positive}]
              properties:
                size: {type: integer, minimum: 0, default: 1}
                mode: {type: string, enum: [fast, safe]}
                tags: {type: array, items: {type: string}}
                extra: {type: object, x-kubernetes-preserve-unknown-fields: true}
                port: {x-kubernetes-int-or-string: true, anyOf: [{type: integer}, {type: string}]}
                labels: {type: object, additionalProperties: {type: string}}
`;

// YAML 1.1, as kubectl reads it (0444 is octal, yes is a boolean).
const objects = parseAllDocuments(MANIFESTS, { version: '1.1' }).map(d => d.toJS() as KubeObject);

test('the manifests parsed', () => {
  expect(objects.map(o => o.kind)).toEqual([
    'Deployment', 'Service', 'PodDisruptionBudget', 'PodDisruptionBudget', 'ConfigMap', 'CronJob',
    'HorizontalPodAutoscaler', 'Ingress', 'Secret', 'StatefulSet', 'CustomResourceDefinition',
  ]);
});

test.each(objects.map(o => [`${o.kind} ${(o.metadata as { name: string }).name}`, o] as const))(
  '%s: zero structure findings', (_name, object) => {
    expect(lintObjects([object], { rules: STRUCTURE_RULES })).toEqual([]);
  });
